import { startSignedIn } from "./support/app";
import { expect, test } from "./support/test";

const PAGES = ["/dashboard", "/forms", "/runs", "/settings/api-keys", "/settings/members", "/docs"];

test.describe("security headers and the Content-Security-Policy", () => {
  test("signed-out pages carry a nonce policy and run without violations", async ({ page }) => {
    for (const path of ["/sign-in", "/sign-up"]) {
      const res = await page.goto(path);
      expect(res?.status()).toBe(200);
      const headers = res!.headers();
      expect(headers["content-security-policy"]).toMatch(/script-src 'self' 'nonce-[A-Za-z0-9+/=]+' 'strict-dynamic'/);
      expect(headers["content-security-policy"]).toContain("frame-ancestors 'none'");
      expect(headers["x-frame-options"]).toBe("DENY");
      expect(headers["x-content-type-options"]).toBe("nosniff");
      expect(headers["referrer-policy"]).toBe("strict-origin-when-cross-origin");
      // The page is interactive: its scripts ran under the policy.
      await expect(page.getByRole("button").first()).toBeEnabled();
    }
  });

  test("every signed-in page, its API calls and its static files carry the headers; nothing is blocked", async ({ page }) => {
    await startSignedIn(page, "csp");
    const nonces = new Set<string>();
    for (const path of PAGES) {
      const res = await page.goto(path);
      expect(res?.status(), path).toBe(200);
      const policy = res!.headers()["content-security-policy"];
      nonces.add(/'nonce-([^']+)'/.exec(policy)![1]);
      expect(res!.headers()["x-content-type-options"], path).toBe("nosniff");
      await page.waitForLoadState("networkidle");
    }
    expect(nonces.size).toBe(PAGES.length);
    const api = await page.request.get("/api/v1/me");
    expect(api.headers()["x-content-type-options"]).toBe("nosniff");
    expect(api.headers()["cache-control"]).toBe("no-store");
    expect(api.headers()["content-security-policy"]).toContain("default-src 'none'");
    const script = await page.evaluate(() => (document.querySelector("script[src]") as HTMLScriptElement | null)?.src);
    const asset = await page.request.get(script!);
    expect(asset.headers()["x-content-type-options"]).toBe("nosniff");
    // public/: the icon every page links, and a robots.txt that keeps the app out of search engines.
    const icon = await page.request.get((await page.locator('link[rel="icon"]').first().getAttribute("href"))!);
    expect(icon.headers()["content-type"]).toContain("image/svg+xml");
    const robots = await page.request.get("/robots.txt");
    expect(await robots.text()).toMatch(/^Disallow: \/$/m);
    expect(robots.headers()["x-content-type-options"]).toBe("nosniff");
  });

  test("the guard sees what the policy blocks (injected markup with an inline handler)", async ({ page, cspViolations }) => {
    await page.goto("/sign-in");
    // What an HTML injection would do: markup with an event handler. The policy allows no inline
    // handlers ('strict-dynamic' trusts only scripts that nonce'd scripts load).
    await page.evaluate(() => document.body.insertAdjacentHTML("beforeend", `<img src="/no-such-image.png" onerror="window.__injected = true">`));
    await expect.poll(() => cspViolations.length).toBeGreaterThan(0);
    expect(await page.evaluate(() => Boolean((window as unknown as { __injected?: boolean }).__injected))).toBe(false);
    expect(cspViolations[0]).toContain("script-src");
    // Seen and expected: cleared, so the guard passes this test.
    cspViolations.length = 0;
  });
});
