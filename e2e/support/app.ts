/**
 * Shared steps of the browser tests: unique accounts, signing up and in through the UI or (when a
 * test is about something else) through the API, and named screenshots kept as artifacts.
 */
import { randomBytes } from "node:crypto";
import path from "node:path";
import { expect, type APIRequestContext, type Page } from "@playwright/test";

export const PASSWORD = "correct horse battery staple";

export type Account = { email: string; password: string; name: string };

/** A fresh account per test, so tests never depend on each other's data. */
export function newAccount(label: string): Account {
  const id = randomBytes(4).toString("hex");
  return { email: `${label}-${id}@e2e.example.com`, password: PASSWORD, name: `${label[0].toUpperCase()}${label.slice(1)} ${id}` };
}

/** A screenshot at a key moment, kept as a test artifact in e2e/artifacts/<name>.png. */
export async function shot(page: Page, name: string): Promise<void> {
  await page.screenshot({ path: path.join("e2e", "artifacts", `${name}.png`), fullPage: true });
}

/** Creates the account through the public sign-up endpoint. */
export async function signUpViaApi(request: APIRequestContext, account: Account): Promise<{ workspace: { id: string; name: string } }> {
  const res = await request.post("/api/v1/signup", { data: account });
  expect(res.status(), await res.text()).toBe(201);
  return res.json();
}

/**
 * Signs the page's browser context in through next-auth's credentials callback (no UI), so tests
 * about other pages start signed in quickly. The account spec covers the real sign-in page.
 */
export async function signInViaApi(page: Page, account: Account): Promise<void> {
  const csrf = await page.request.get("/api/auth/csrf");
  const { csrfToken } = (await csrf.json()) as { csrfToken: string };
  const res = await page.request.post("/api/auth/callback/credentials", {
    form: { csrfToken, email: account.email, password: account.password, json: "true", callbackUrl: "/dashboard" },
    maxRedirects: 0,
  });
  expect([200, 302]).toContain(res.status());
  const cookies = await page.context().cookies();
  expect(cookies.some((c) => c.name.endsWith("next-auth.session-token")), "session cookie set").toBe(true);
}

/** A new account, signed in, on the dashboard. */
export async function startSignedIn(page: Page, label: string): Promise<Account> {
  const account = newAccount(label);
  await signUpViaApi(page.request, account);
  await signInViaApi(page, account);
  await page.goto("/dashboard");
  await expect(page.getByRole("heading", { level: 1, name: "Dashboard" })).toBeVisible();
  return account;
}

/** The caller as the API sees it (with the page's session cookie). */
export async function me(page: Page): Promise<{ user: { id: string; email: string }; workspace: { id: string; name: string }; role: string }> {
  const res = await page.request.get("/api/v1/me");
  expect(res.status()).toBe(200);
  return res.json();
}

/** Closes the notifications still on screen, so a screenshot shows the page under them. */
export async function dismissToasts(page: Page): Promise<void> {
  const buttons = page.getByRole("button", { name: "Dismiss notification" });
  while ((await buttons.count()) > 0) await buttons.first().click();
}
