import { getEnv } from "@/lib/env";

/** The active workspace of a browser session (an id, checked against memberships every time). */
export const WORKSPACE_COOKIE = "cv_workspace";

const SESSION_COOKIE = "next-auth.session-token";
const SECURE_SESSION_COOKIE = `__Secure-${SESSION_COOKIE}`;

/** next-auth prefixes its cookies with __Secure- when the app is served over https. */
export function isSecureDeployment(): boolean {
  return getEnv().appUrl.startsWith("https://");
}

/** The session cookie name next-auth sets for this deployment, then the other one. */
export function sessionCookieNames(): [string, string] {
  return isSecureDeployment() ? [SECURE_SESSION_COOKIE, SESSION_COOKIE] : [SESSION_COOKIE, SECURE_SESSION_COOKIE];
}

export function parseCookieHeader(header: string | null | undefined): Map<string, string> {
  const out = new Map<string, string>();
  for (const part of (header ?? "").split(";")) {
    const eq = part.indexOf("=");
    if (eq < 1) continue;
    const name = part.slice(0, eq).trim();
    let value = part.slice(eq + 1).trim();
    if (value.startsWith('"') && value.endsWith('"')) value = value.slice(1, -1);
    try {
      value = decodeURIComponent(value);
    } catch {
      // Keep the raw value; a malformed cookie simply fails to decode later.
    }
    if (!out.has(name)) out.set(name, value);
  }
  return out;
}

/**
 * The session token, joined from chunks when next-auth split a large one across
 * `<name>.0`, `<name>.1`, ... cookies.
 */
export function readSessionToken(cookies: Map<string, string>): string | undefined {
  for (const name of sessionCookieNames()) {
    const chunks = [...cookies.entries()]
      .map(([key, value]) => ({ index: key.startsWith(`${name}.`) ? Number(key.slice(name.length + 1)) : NaN, value }))
      .filter((c) => Number.isInteger(c.index) && c.index >= 0)
      .sort((a, b) => a.index - b.index);
    if (chunks.length > 0) return chunks.map((c) => c.value).join("");
    const whole = cookies.get(name);
    if (whole) return whole;
  }
  return undefined;
}

/** Set-Cookie for the active workspace; lasts as long as a session can. */
export function workspaceCookie(workspaceId: string): string {
  const maxAge = Math.floor(getEnv().SESSION_MAX_AGE / 1000);
  const secure = isSecureDeployment() ? "; Secure" : "";
  return `${WORKSPACE_COOKIE}=${encodeURIComponent(workspaceId)}; Path=/; Max-Age=${maxAge}; HttpOnly; SameSite=Lax${secure}`;
}

/** Set-Cookie values that delete the session cookie under both names this app may use. */
export function clearedSessionCookies(): string[] {
  const secure = isSecureDeployment() ? "; Secure" : "";
  return sessionCookieNames().map((name) => `${name}=; Path=/; Max-Age=0; HttpOnly; SameSite=Lax${name.startsWith("__Secure-") ? "; Secure" : secure}`);
}
