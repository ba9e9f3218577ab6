import type { Page } from "@playwright/test";
import { expect, test } from "./support/test";
import { dismissToasts, me, newAccount, shot, signInViaApi, signUpViaApi, startSignedIn } from "./support/app";

/** Invites through the form and returns the link the panel shows (once). */
async function invite(page: Page, email: string, role?: "owner" | "member"): Promise<string> {
  await page.getByLabel("Email address").fill(email);
  if (role) await page.getByLabel("Role", { exact: true }).selectOption(role);
  await page.getByRole("button", { name: "Invite", exact: true }).click();
  const panel = page.getByTestId("invite-link-panel");
  await expect(panel).toContainText(`Invitation link for ${email}`);
  const link = await page.getByTestId("invite-link").inputValue();
  expect(link).toMatch(/\/invite\/cvi_[A-Za-z0-9_-]{43}$/);
  return link;
}

test("owners invite by link, change roles and remove; invitees join through the link; members can leave", async ({ page, browser }) => {
  const owner = await startSignedIn(page, "owner");
  const { workspace } = await me(page);
  const colleague = newAccount("colleague");
  await signUpViaApi(page.request, colleague);
  const newcomer = newAccount("newcomer");

  await page.getByRole("link", { name: "Members", exact: true }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Members" })).toBeVisible();
  const members = page.getByRole("list", { name: "Members" });
  await expect(members.getByTestId("member-row")).toHaveCount(1);
  await expect(members).toContainText("You");

  // Every invitation is a link to send; someone without an account yet is invited the same way.
  const newcomerLink = await invite(page, newcomer.email);
  await expect(page.getByRole("list", { name: "Pending invitations" })).toContainText(newcomer.email);
  await shot(page, "members-invite-link");
  const colleagueLink = await invite(page, colleague.email, "owner");
  await page.getByRole("button", { name: "Done" }).click();
  await expect(page.getByTestId("invite-link-panel")).toHaveCount(0);

  // The colleague opens the link signed in as the invited email and joins.
  const colleagueContext = await browser.newContext();
  const colleaguePage = await colleagueContext.newPage();
  await signInViaApi(colleaguePage, colleague);
  await colleaguePage.goto(colleagueLink);
  await expect(colleaguePage.getByRole("heading", { name: `Join ${workspace.name}` })).toBeVisible();
  await colleaguePage.getByRole("button", { name: `Join ${workspace.name}` }).click();
  await expect(colleaguePage).toHaveURL(/\/dashboard$/);
  await expect(colleaguePage.getByTestId("user-role")).toHaveText("Owner");
  // The link worked once.
  await colleaguePage.goto(colleagueLink);
  await expect(colleaguePage.getByRole("heading", { name: "This invitation link is not valid" })).toBeVisible();
  await colleagueContext.close();

  await page.reload();
  const colleagueRow = members.getByTestId("member-row").filter({ hasText: colleague.email });
  await expect(colleagueRow).toBeVisible();
  await expect(page.getByLabel(`Role of ${colleague.email}`)).toHaveValue("owner");

  // Inviting a member again is refused with the API's message.
  await page.getByLabel("Email address").fill(colleague.email);
  await page.getByRole("button", { name: "Invite", exact: true }).click();
  await expect(page.getByRole("alert").filter({ hasText: "already a member" })).toBeVisible();
  await page.getByLabel("Email address").fill("");

  await page.getByLabel(`Role of ${colleague.email}`).selectOption("member");
  await expect(page.getByRole("status").filter({ hasText: "is now a member" })).toBeVisible();

  // The last owner cannot demote themselves; the error says why and the select snaps back.
  await page.getByLabel(`Role of ${owner.email}`).selectOption("member");
  await expect(page.getByRole("alert").filter({ hasText: "at least one owner" })).toBeVisible();
  await expect(page.getByLabel(`Role of ${owner.email}`)).toHaveValue("owner");
  await dismissToasts(page);
  await shot(page, "members-owner");

  // The newcomer opens the link signed out, creates an account with the invited email, joins.
  const context = await browser.newContext();
  const other = await context.newPage();
  await other.goto(newcomerLink);
  await expect(other.getByRole("heading", { name: `Join ${workspace.name}` })).toBeVisible();
  await expect(other.getByText(newcomer.email, { exact: true })).toBeVisible();
  await shot(other, "invite-signed-out");
  await other.getByRole("link", { name: "Create an account" }).click();
  await other.getByLabel("Name").fill(newcomer.name);
  await other.getByLabel("Email").fill(newcomer.email);
  // A password that is the email's local part is refused, with the reason beside the field.
  await other.getByLabel("Password", { exact: true }).fill(newcomer.email.split("@")[0]);
  await other.getByRole("button", { name: /create account/i }).click();
  await expect(other.getByText("Password cannot be your email address or name")).toBeVisible();
  await shot(other, "invite-sign-up-weak-password");
  await other.getByLabel("Password", { exact: true }).fill(newcomer.password);
  await other.getByRole("button", { name: /create account/i }).click();
  await expect(other).toHaveURL(/\/invite\/cvi_/);
  await other.getByRole("button", { name: `Join ${workspace.name}` }).click();
  await expect(other).toHaveURL(/\/dashboard$/);
  await expect(other.getByLabel("Workspace", { exact: true }).locator("option:checked")).toHaveText(workspace.name);
  await expect(other.getByTestId("user-role")).toHaveText("Member");
  await other.getByRole("link", { name: "Members", exact: true }).click();
  await expect(other.getByText("Only owners can invite people")).toBeVisible();
  await expect(other.getByRole("button", { name: "Invite", exact: true })).toHaveCount(0);
  await expect(other.getByRole("button", { name: /^Remove/ })).toHaveCount(0);
  await expect(other.getByRole("list", { name: "Members" }).getByTestId("member-row")).toHaveCount(3);
  await shot(other, "members-read-only");

  // A member may leave on their own (and lands in a workspace they still have).
  await other.getByRole("button", { name: "Leave this workspace" }).click();
  await other.getByRole("dialog", { name: "Leave this workspace?" }).getByRole("button", { name: "Leave workspace" }).click();
  await expect(other).toHaveURL(/\/dashboard$/);
  await expect(other.getByTestId("workspace-name")).not.toHaveText(workspace.name);
  await context.close();

  // The owner sees them gone, then revokes an invitation and removes the colleague.
  await page.reload();
  await expect(page.getByRole("list", { name: "Pending invitations" })).toHaveCount(0);
  await expect(members.getByTestId("member-row")).toHaveCount(2);
  await expect(members).not.toContainText(newcomer.email);

  const laterLink = await invite(page, `later-${Date.now()}@e2e.example.com`);
  const invitations = page.getByRole("list", { name: "Pending invitations" });
  await expect(invitations.getByTestId("invitation-row")).toHaveCount(1);
  await invitations.getByRole("button", { name: /^Revoke invitation for/ }).click();
  await page.getByRole("dialog").getByRole("button", { name: "Revoke invitation" }).click();
  await expect(invitations).toHaveCount(0);
  await expect(page.getByText("No pending invitations.")).toBeVisible();
  await expect(page.getByTestId("invite-link-panel")).toHaveCount(0);
  const revoked = await page.request.get(laterLink);
  expect(await revoked.text()).toContain("This invitation link is not valid");

  await colleagueRow.getByRole("button", { name: `Remove ${colleague.email}` }).click();
  const dialog = page.getByRole("dialog", { name: /^Remove/ });
  await dialog.getByRole("button", { name: "Remove member" }).click();
  await expect(colleagueRow).toHaveCount(0);
  await expect(members.getByTestId("member-row")).toHaveCount(1);
  await page.setViewportSize({ width: 390, height: 844 });
  await dismissToasts(page);
  await shot(page, "phone-members");
});
