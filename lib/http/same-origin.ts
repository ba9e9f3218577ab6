import { getEnv } from "@/lib/env";

const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);

function originOf(url: string | null | undefined): string | undefined {
  if (!url) return undefined;
  try {
    return new URL(url).origin;
  } catch {
    return undefined;
  }
}

/**
 * Whether a request that changes something may ride on the browser's session cookie. SameSite=Lax
 * keeps cookies off cross-site POSTs, but a sibling subdomain is "same-site" and still gets them;
 * the browser says where a request comes from (Sec-Fetch-Site, else Origin), and only this origin
 * may act with the session. Requests without either header are not from a browser page.
 */
export function sessionMutationAllowed(req: Request): boolean {
  if (SAFE_METHODS.has(req.method.toUpperCase())) return true;
  const site = req.headers.get("sec-fetch-site");
  if (site) return site === "same-origin" || site === "none";
  const origin = req.headers.get("origin");
  if (!origin) return true;
  return origin === originOf(req.url) || origin === originOf(getEnv().appUrl);
}
