import { unauthorized } from "@/lib/errors";
import { authenticateApiKey } from "./authenticate-api-key";
import { resolveSession } from "./resolve-session";
import type { AuthContext } from "./types";

/**
 * The key a request presents: `X-API-Key: <key>` or `Authorization: Bearer <key>`. Undefined
 * when it presents none (other Authorization schemes are not ours and are ignored).
 */
export function presentedApiKey(headers: Headers): string | undefined {
  const header = headers.get("x-api-key");
  if (header !== null) return header.trim();
  const authorization = headers.get("authorization");
  const bearer = authorization && /^Bearer\s+(.*)$/i.exec(authorization.trim());
  return bearer ? bearer[1].trim() : undefined;
}

/**
 * Who is calling: an API key when one is presented (a bad or revoked key is a 401, never a
 * fallback to the session cookie sent alongside it), else the next-auth session cookie.
 * Works on any web `Request`: route handlers and tests alike.
 */
export async function resolveAuth(req: Request): Promise<AuthContext | null> {
  const key = presentedApiKey(req.headers);
  if (key !== undefined) {
    const auth = await authenticateApiKey(key);
    if (!auth) throw unauthorized("The API key is invalid or has been revoked");
    return auth;
  }
  return resolveSession(req.headers.get("cookie"));
}
