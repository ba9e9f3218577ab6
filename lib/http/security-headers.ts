/**
 * The browser-facing security headers, in one place. Pages get a strict, nonce-based
 * Content-Security-Policy (proxy.ts makes a nonce per request; Next.js puts it on its own scripts);
 * API responses get one that lets them render nothing at all.
 */

/** Sent on every response (next.config.ts adds them to static files as well). */
export const BASELINE_HEADERS: Record<string, string> = {
  "X-Content-Type-Options": "nosniff",
  "Referrer-Policy": "strict-origin-when-cross-origin",
  "X-Frame-Options": "DENY",
};

/** HSTS only where the public URL is https: on plain http it would be ignored, or lock out a test host. */
export function transportHeaders(appUrl: string): Record<string, string> {
  return appUrl.startsWith("https:") ? { "Strict-Transport-Security": "max-age=31536000; includeSubDomains" } : {};
}

/**
 * A page's policy. Scripts run only with this request's nonce ('strict-dynamic' lets Next's own
 * chunks load the rest); styles come from the app's CSS files or carry the nonce. Style attributes
 * stay allowed (`style-src-attr`): React renders widths and positions with them, and they cannot
 * run code. Development adds 'unsafe-eval', which React's dev build needs.
 */
export function pagePolicy(nonce: string, opts: { dev: boolean; https: boolean }): string {
  return [
    "default-src 'self'",
    `script-src 'self' 'nonce-${nonce}' 'strict-dynamic'${opts.dev ? " 'unsafe-eval'" : ""}`,
    `style-src 'self' 'nonce-${nonce}'`,
    "style-src-attr 'unsafe-inline'",
    "img-src 'self' blob: data:",
    "font-src 'self'",
    "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
    ...(opts.https ? ["upgrade-insecure-requests"] : []),
  ].join("; ");
}

/** JSON, files and every other API answer: nothing in them may run or be framed, whatever a browser sniffs. */
export const API_POLICY = "default-src 'none'; frame-ancestors 'none'; sandbox";

export function nonce(): string {
  return Buffer.from(crypto.getRandomValues(new Uint8Array(16))).toString("base64");
}

let apiHeadersFor: { appUrl: string; headers: [string, string][] } | undefined;

/** Built once per public URL (every API answer needs them). */
function apiHeaders(appUrl: string): [string, string][] {
  if (apiHeadersFor?.appUrl !== appUrl) {
    const headers = Object.entries({
      ...BASELINE_HEADERS,
      ...transportHeaders(appUrl),
      "Content-Security-Policy": API_POLICY,
      "Cache-Control": "no-store",
    });
    apiHeadersFor = { appUrl, headers };
  }
  return apiHeadersFor.headers;
}

/**
 * The headers of an API answer, added where the handler set none: API data is per caller and may
 * hold secrets or one-time links, so nothing is stored by a cache unless the route says so.
 */
export function withApiHeaders(response: Response, appUrl: string): Response {
  const wanted = apiHeaders(appUrl);
  const apply = (r: Response) => {
    for (const [name, value] of wanted) if (!r.headers.has(name)) r.headers.set(name, value);
    return r;
  };
  try {
    return apply(response);
  } catch {
    // Immutable headers (a redirect): copy the response.
    return apply(new Response(response.body, response));
  }
}
