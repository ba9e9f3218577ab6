import { expect, test } from "./support/test";
import { newAccount, shot, signInViaApi, signUpViaApi, startSignedIn } from "./support/app";

test("sign up, see the empty dashboard, sign out, sign back in", async ({ page }) => {
  const account = newAccount("ada");

  await page.goto("/");
  await expect(page).toHaveURL(/\/sign-in/);
  await page.getByRole("link", { name: /sign up|create an account/i }).click();
  await expect(page).toHaveURL(/\/sign-up/);
  await page.getByLabel("Name").fill(account.name);
  await page.getByLabel("Email").fill(account.email);
  await page.getByLabel("Password", { exact: true }).fill(account.password);
  await shot(page, "sign-up");
  await page.getByRole("button", { name: /create account|sign up/i }).click();

  await expect(page).toHaveURL(/\/dashboard$/);
  await expect(page.getByRole("heading", { level: 1, name: "Dashboard" })).toBeVisible();
  await expect(page.getByRole("heading", { name: "No jobs yet" })).toBeVisible();
  await expect(page.getByTestId("user-email")).toHaveText(account.name);
  await expect(page.getByTestId("user-role")).toHaveText("Owner");
  await expect(page.getByRole("link", { name: "Dashboard", exact: true })).toHaveAttribute("aria-current", "page");
  await shot(page, "dashboard-empty");

  // A copy of the session cookie taken before signing out is worthless afterwards.
  const copied = (await page.context().cookies()).find((c) => c.name.endsWith("next-auth.session-token"))!;
  await page.getByRole("button", { name: "Sign out", exact: true }).click();
  await expect(page).toHaveURL(/\/sign-in/);
  const replay = await page.request.get("/api/v1/me", { headers: { cookie: `${copied.name}=${copied.value}` } });
  expect(replay.status()).toBe(401);

  // Signed out, a protected page sends you to sign in and back to it afterwards.
  await page.goto("/settings/api-keys");
  await expect(page).toHaveURL(/\/sign-in\?callbackUrl=/);
  await page.getByLabel("Email").fill(account.email);
  await page.getByLabel("Password", { exact: true }).fill(account.password);
  await page.getByRole("button", { name: /^sign in$/i }).click();
  await expect(page).toHaveURL(/\/settings\/api-keys$/);
  await expect(page.getByRole("heading", { level: 1, name: "API keys" })).toBeVisible();
});

test("sign-up says why a password is refused, and answers a registered email like a new one", async ({ page }) => {
  const account = newAccount("grace");
  await page.goto("/sign-up");
  await page.getByLabel("Email").fill(account.email);
  for (const [password, reason] of [
    ["password", "Password is too easy to guess"],
    ["        ", "Password is too easy to guess"],
    [account.email, "Password cannot be your email address or name"],
  ]) {
    await page.getByLabel("Password", { exact: true }).fill(password);
    await page.getByRole("button", { name: /create account/i }).click();
    await expect(page.getByText(reason)).toBeVisible();
  }
  await shot(page, "sign-up-weak-password");
  await expect(page).toHaveURL(/\/sign-up/);

  // Someone else tries the now-registered email: the answer is the same as for a new one, and the
  // sign-in that follows needs the account's own password, without saying whether it existed.
  await signUpViaApi(page.request, account);
  await page.goto("/sign-up");
  await page.getByLabel("Email").fill(account.email);
  await page.getByLabel("Password", { exact: true }).fill("a different long passphrase");
  await page.getByRole("button", { name: /create account/i }).click();
  await expect(page).toHaveURL(/\/sign-in\?.*from=sign-up/);
  await expect(page.getByText("If this email already had an account, sign in with that account's password.")).toBeVisible();
  await signInViaApi(page, account);
  await page.goto("/dashboard");
  await expect(page.getByRole("heading", { level: 1, name: "Dashboard" })).toBeVisible();
});

test("keyboard: the skip link leads to the content, and every nav entry is reachable", async ({ page }) => {
  await startSignedIn(page, "keys");
  await page.keyboard.press("Tab");
  const skip = page.getByRole("link", { name: "Skip to content" });
  await expect(skip).toBeFocused();
  await expect(skip).toBeVisible();
  await page.keyboard.press("Enter");
  await expect(page.locator("main#main")).toBeFocused();

  // Tab from the top reaches the Members link, and Enter follows it.
  await page.locator("body").focus();
  const members = page.getByRole("link", { name: "Members", exact: true });
  for (let i = 0; i < 15 && !(await members.evaluate((el) => el === document.activeElement)); i++) await page.keyboard.press("Tab");
  await expect(members).toBeFocused();
  await page.keyboard.press("Enter");
  await expect(page).toHaveURL(/\/settings\/members$/);
});

test("phone width: the navigation collapses into a menu", async ({ page }) => {
  await page.setViewportSize({ width: 390, height: 844 });
  await startSignedIn(page, "phone");
  await expect(page.getByRole("link", { name: "API keys", exact: true })).toBeHidden();
  await shot(page, "phone-dashboard");

  const open = page.getByRole("button", { name: "Open navigation" });
  await open.click();
  const drawer = page.getByRole("dialog", { name: "Navigation" });
  await expect(drawer).toBeVisible();
  await shot(page, "phone-nav-open");
  await page.keyboard.press("Escape");
  await expect(drawer).toBeHidden();
  await expect(open).toBeFocused();

  await open.click();
  await drawer.getByRole("link", { name: "API keys", exact: true }).click();
  await expect(page).toHaveURL(/\/settings\/api-keys$/);
  await expect(page.getByRole("heading", { level: 1, name: "API keys" })).toBeVisible();
  await expect(drawer).toBeHidden();
  await shot(page, "phone-api-keys");
});

test("sign out everywhere ends the other browser's session too", async ({ page, browser }) => {
  const account = await startSignedIn(page, "everywhere");
  const other = await browser.newContext();
  const otherPage = await other.newPage();
  await signInViaApi(otherPage, account);
  expect((await otherPage.request.get("/api/v1/me")).status()).toBe(200);
  await otherPage.goto("/settings/api-keys");
  await expect(otherPage.getByRole("heading", { level: 1, name: "API keys" })).toBeVisible();

  await page.getByRole("button", { name: "Sign out everywhere" }).click();
  const dialog = page.getByRole("dialog", { name: "Sign out everywhere?" });
  await expect(dialog).toBeVisible();
  await shot(page, "sign-out-everywhere-confirm");
  await dialog.getByRole("button", { name: "Sign out everywhere" }).click();
  await expect(page).toHaveURL(/\/sign-in/);
  expect((await otherPage.request.get("/api/v1/me")).status()).toBe(401);
  // The other browser's open page finds out on its next request and goes to sign in, and back.
  await otherPage.getByLabel("Key name").fill("after the fact");
  await otherPage.getByRole("button", { name: "Create key" }).click();
  await expect(otherPage).toHaveURL(/\/sign-in\?callbackUrl=%2Fsettings%2Fapi-keys$/);
  await otherPage.goto("/dashboard");
  await expect(otherPage).toHaveURL(/\/sign-in/);
  await other.close();
});
