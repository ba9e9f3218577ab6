import { NextResponse, type NextRequest } from "next/server";
import { getEnv } from "@/lib/env";
import { BASELINE_HEADERS, nonce, pagePolicy, transportHeaders } from "@/lib/http/security-headers";

/**
 * Pages only: a fresh CSP nonce per request (Next.js reads it from the request's policy and puts it
 * on its scripts) and the security headers. API routes are left out on purpose: a proxy makes
 * Next.js buffer request bodies, which uploads must not pay; lib/http sets their headers.
 */
export function proxy(request: NextRequest): NextResponse {
  const env = getEnv();
  const policy = pagePolicy(nonce(), { dev: env.NODE_ENV === "development", https: env.appUrl.startsWith("https:") });
  const headers = new Headers(request.headers);
  headers.set("Content-Security-Policy", policy);
  const response = NextResponse.next({ request: { headers } });
  response.headers.set("Content-Security-Policy", policy);
  for (const [name, value] of Object.entries({ ...BASELINE_HEADERS, ...transportHeaders(env.appUrl) })) response.headers.set(name, value);
  return response;
}

export const config = {
  matcher: [
    {
      source: "/((?!api/|_next/static|_next/image|favicon.ico|favicon.svg|robots.txt).*)",
      missing: [
        { type: "header", key: "next-router-prefetch" },
        { type: "header", key: "purpose", value: "prefetch" },
      ],
    },
  ],
};
