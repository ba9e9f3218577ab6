import type { Page } from "@playwright/test";
import { expect, test } from "./support/test";
import { OIDC_ACCOUNTS, OIDC_ISSUER, OIDC_NAME, type OidcTestAccount } from "./fixtures/oidc-config";
import { me, PASSWORD, shot } from "./support/app";

const [newcomer, linked] = OIDC_ACCOUNTS;

/** From Conveyor's sign-in page through the provider's forms back to the dashboard. */
async function signInWithSso(page: Page, account: OidcTestAccount, screenshots?: string): Promise<void> {
  await page.goto("/sign-in");
  await page.getByRole("button", { name: `Sign in with ${OIDC_NAME}` }).click();
  await page.waitForURL((url) => url.href.startsWith(OIDC_ISSUER) || url.pathname === "/dashboard");
  if (page.url().startsWith(OIDC_ISSUER)) {
    // No session at the provider yet: log in there, then allow Conveyor (first time only).
    await expect(page.getByRole("heading", { name: "Example SSO sign-in" })).toBeVisible();
    await page.getByLabel("Email").fill(account.email);
    await page.getByLabel("Password").fill(account.password);
    if (screenshots) await shot(page, `${screenshots}-provider-login`);
    await page.getByRole("button", { name: "Continue" }).click();
    const allow = page.getByRole("button", { name: "Allow" });
    await page.waitForURL((url) => url.pathname === "/dashboard" || url.href.startsWith(`${OIDC_ISSUER}/interaction/`));
    if (page.url().startsWith(OIDC_ISSUER)) await allow.click();
  }
  await expect(page).toHaveURL(/\/dashboard$/);
  await expect(page.getByRole("heading", { level: 1, name: "Dashboard" })).toBeVisible();
}

test("SSO provisions a user on first sign-in and finds the same one every time after", async ({ page, browser }) => {
  await signInWithSso(page, newcomer, "sso");
  await shot(page, "sso-dashboard");
  const first = await me(page);
  expect(first.user.email).toBe(newcomer.email);
  expect(first.role).toBe("owner");
  expect(first.workspace.name).toBe(`${newcomer.name}'s workspace`);

  // Signed out of Conveyor but still signed in at the provider: straight back in, same user.
  await page.getByRole("button", { name: "Sign out", exact: true }).click();
  await expect(page).toHaveURL(/\/sign-in/);
  await signInWithSso(page, newcomer);
  const again = await me(page);
  expect(again.user.id).toBe(first.user.id);
  expect(again.workspace.id).toBe(first.workspace.id);

  // A different browser, a full login at the provider: still the same user and workspace.
  const context = await browser.newContext();
  const other = await context.newPage();
  await signInWithSso(other, newcomer);
  const third = await me(other);
  expect(third.user.id).toBe(first.user.id);
  expect(third.workspace.id).toBe(first.workspace.id);
  await context.close();
});

test("SSO links an existing password account when the provider verified the email", async ({ page }) => {
  const res = await page.request.post("/api/v1/signup", { data: { email: linked.email, password: PASSWORD, name: "Password First" } });
  expect(res.status(), await res.text()).toBe(201);
  const created = await res.json();
  await signInWithSso(page, linked);
  const caller = await me(page);
  expect(caller.user.id).toBe(created.user.id);
  expect(caller.workspace.id).toBe(created.workspace.id);
});

test("the sign-in page explains a wrong password and a rate-limited account", async ({ page }) => {
  const email = `limited-${Date.now()}@e2e.example.com`;
  const res = await page.request.post("/api/v1/signup", { data: { email, password: PASSWORD } });
  expect(res.status()).toBe(201);
  await page.goto("/sign-in");
  await expect(page.getByRole("button", { name: `Sign in with ${OIDC_NAME}` })).toBeVisible();
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password", { exact: true }).fill("not the password");
  await page.getByRole("button", { name: /^sign in$/i }).click();
  // (Next's route announcer is an alert too, hence the filter.)
  await expect(page.getByRole("alert").filter({ hasText: "That email and password do not match. Check them and try again." })).toBeVisible();
  await shot(page, "sign-in-wrong-password");

  // Use up the per-email attempts (RATE_LIMIT_SIGNIN_EMAIL, 10 per 10 minutes by default).
  for (let i = 0; i < 10; i++) {
    const csrf = (await (await page.request.get("/api/auth/csrf")).json()).csrfToken as string;
    await page.request.post("/api/auth/callback/credentials", { form: { csrfToken: csrf, email, password: "wrong", json: "true" } });
  }
  await page.getByLabel("Password", { exact: true }).fill(PASSWORD);
  await page.getByRole("button", { name: /^sign in$/i }).click();
  await expect(page.getByRole("alert").filter({ hasText: "Too many sign-in attempts. Wait a few minutes, then try again." })).toBeVisible();
  await shot(page, "sign-in-rate-limited");
  await expect(page).toHaveURL(/\/sign-in/);
});
