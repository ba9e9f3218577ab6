import { expect, test } from "./support/test";
import { me, shot, startSignedIn } from "./support/app";

test.use({ permissions: ["clipboard-read", "clipboard-write"] });

test("create an API key, copy it, call the API with it, revoke it", async ({ page, request }) => {
  await startSignedIn(page, "keys");
  const { workspace } = await me(page);

  await page.getByRole("link", { name: "API keys", exact: true }).click();
  await expect(page.getByRole("heading", { level: 1, name: "API keys" })).toBeVisible();
  await expect(page.getByRole("heading", { name: "No API keys yet" })).toBeVisible();

  // An empty name is refused with the field's own message.
  await page.getByRole("button", { name: "Create key" }).click();
  await expect(page.getByText("Name cannot be empty")).toBeVisible();
  await expect(page.getByLabel("Key name")).toHaveAttribute("aria-invalid", "true");

  await page.getByLabel("Key name").fill("CI pipeline");
  await page.getByRole("button", { name: "Create key" }).click();
  const panel = page.getByTestId("new-key-panel");
  await expect(panel).toBeVisible();
  await expect(panel).toContainText("you won’t see it again");
  const secret = await page.getByTestId("new-key-secret").inputValue();
  expect(secret).toMatch(/^cvk_[0-9A-Za-z]{32,}$/);

  await panel.getByRole("button", { name: "Copy key" }).click();
  await expect(panel.getByRole("status")).toHaveText("Copied to the clipboard");
  expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(secret);
  await shot(page, "api-key-created");

  const row = page.getByTestId("api-key-row").filter({ hasText: "CI pipeline" });
  await expect(row).toContainText(secret.slice(0, 12));
  await expect(row).toContainText(/Last used\s*never/);

  // The key works on its own (the `request` fixture has no session cookie).
  const auth = { Authorization: `Bearer ${secret}` };
  const jobs = await request.get("/api/v1/jobs", { headers: auth });
  expect(jobs.status()).toBe(200);
  expect(await jobs.json()).toEqual({ data: [], next_cursor: null });
  const whoami = await request.get("/api/v1/me", { headers: auth });
  expect((await whoami.json()).workspace.id).toBe(workspace.id);

  // After a reload the secret is gone for good; the list shows the key as used.
  await page.reload();
  await expect(page.getByTestId("new-key-panel")).toHaveCount(0);
  await expect(page.getByText(secret)).toHaveCount(0);
  await expect(row).not.toContainText(/Last used\s*never/);
  await page.setViewportSize({ width: 390, height: 844 });
  await shot(page, "phone-api-keys-list");
  await page.setViewportSize({ width: 1280, height: 720 });

  await row.getByRole("button", { name: "Revoke API key CI pipeline" }).click();
  const dialog = page.getByRole("dialog", { name: "Revoke “CI pipeline”?" });
  await expect(dialog).toBeVisible();
  await shot(page, "api-key-revoke-confirm");
  await dialog.getByRole("button", { name: "Revoke key" }).click();
  await expect(dialog).toBeHidden();
  await expect(page.getByRole("status").filter({ hasText: "API key “CI pipeline” revoked" })).toBeVisible();
  await expect(row).toHaveCount(0);

  const refused = await request.get("/api/v1/jobs", { headers: auth });
  expect(refused.status()).toBe(401);
  expect((await refused.json()).error.type).toBe("UnauthorizedError");
});
