import { authenticationFailed, dataSourceError } from "../errors";
import { CookieJar } from "../http/cookie-jar";
import { fetchFollowing } from "../http/fetch-site";

export type EightAConfig = { baseUrl: string; authUrl: string; timeoutMs: number; pageSize: number };

/** A signed-in 8a.nu session: cookies in memory only, dropped with `end()` once the fetch is done. */
export type EightASession = { jar: CookieJar; end(): void };

const SITE = "8a.nu";

function loginFormAction(html: string): string | null {
  const form = /<form\b[^>]*\bid=["']kc-form-login["'][^>]*>/i.exec(html)?.[0];
  if (!form || !/\bid=["']password["']/i.test(html) || !/\bid=["']username["']/i.test(html)) return null;
  const action = /\baction=["']([^"']+)["']/i.exec(form)?.[1];
  return action ? action.replace(/&amp;/g, "&") : null;
}

/**
 * Signs in the way a browser does, over plain HTTP: 8a.nu's /login redirects to Vertical-Life's
 * Keycloak, whose HTML form (`#kc-form-login`) is posted with the user name and password; Keycloak
 * redirects back to 8a.nu, which sets its session cookie. Keycloak answering with its form again
 * means the credentials were refused. The password is only ever in this function's arguments and
 * the one form body; it is never logged or put in an error.
 */
export async function signInToEightA(credentials: { username: string; password: string }, config: EightAConfig): Promise<EightASession> {
  const jar = new CookieJar();
  const base = { site: SITE, timeoutMs: config.timeoutMs, jar, accept: "text/html" };
  const start = await fetchFollowing(`${config.baseUrl}/login`, base);
  if (start.response.status >= 500) throw dataSourceError(`${SITE} sign-in answered HTTP ${start.response.status}`);
  const page = await start.response.text();
  const action = loginFormAction(page);
  if (!action) throw dataSourceError(`${SITE} sign-in page did not have the expected form`);
  const actionUrl = new URL(action, start.url);
  if (actionUrl.origin !== new URL(config.authUrl).origin) throw dataSourceError(`${SITE} sign-in form posts to an unexpected host`);

  const form = new URLSearchParams({ username: credentials.username, password: credentials.password, credentialId: "" });
  const posted = await fetchFollowing(actionUrl.toString(), { ...base, method: "POST", form });
  const status = posted.response.status;
  if (status >= 500) throw dataSourceError(`${SITE} sign-in answered HTTP ${status}`);
  const body = await posted.response.text();
  if (new URL(posted.url).origin === actionUrl.origin) {
    // Still on Keycloak: the form came back (refused credentials) or something else went wrong.
    if (loginFormAction(body)) throw authenticationFailed();
    throw dataSourceError(`${SITE} sign-in did not complete (HTTP ${status})`);
  }
  if (status !== 200 || !jar.has(config.baseUrl)) throw dataSourceError(`${SITE} sign-in did not complete (HTTP ${status})`);
  return { jar, end: () => jar.clear() };
}
