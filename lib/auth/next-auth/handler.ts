import NextAuth from "next-auth";
import { getEnv } from "@/lib/env";
import { errorResponse, readLimitedText, requestIdFor } from "@/lib/http";
import { logger, runWithRequestContext } from "@/lib/logging";
import { metrics } from "@/lib/metrics";
import { parseCookieHeader } from "../cookies";
import { authOptions } from "./options";
import { RATE_LIMITED, runSignInAttempt, type SignInAttempt } from "./sign-in-attempt";

type RouteContext = { params: Promise<{ nextauth?: string[] }> };

const MAX_BODY = 16 * 1024;

async function readBody(req: Request): Promise<Record<string, string> | undefined> {
  if (req.method !== "POST") return undefined;
  const text = await readLimitedText(req, MAX_BODY);
  const type = req.headers.get("content-type") ?? "";
  if (type.includes("application/json")) {
    try {
      return JSON.parse(text);
    } catch {
      return {};
    }
  }
  return Object.fromEntries(new URLSearchParams(text));
}

/** Collects what next-auth's (Node-style) API handler writes into a web Response. */
class ResponseCollector {
  statusCode = 200;
  headers = new Headers();
  body: BodyInit | null = null;
  status(code: number) {
    this.statusCode = code;
    return this;
  }
  getHeader(name: string) {
    const values = name.toLowerCase() === "set-cookie" ? this.headers.getSetCookie() : this.headers.get(name);
    return values ?? undefined;
  }
  setHeader(name: string, value: string | string[]) {
    this.headers.delete(name);
    for (const v of Array.isArray(value) ? value : [value]) this.headers.append(name, v);
    return this;
  }
  send(body: unknown) {
    if (body !== null && typeof body === "object") return this.json(body);
    this.body = body === undefined ? null : String(body);
    return this;
  }
  json(body: unknown) {
    this.headers.set("content-type", "application/json");
    this.body = JSON.stringify(body);
    return this;
  }
  end() {
    return this;
  }
  toResponse(): Response {
    const nullBody = [204, 301, 302, 303, 307, 308].includes(this.statusCode);
    return new Response(nullBody ? null : this.body, { status: this.statusCode, headers: this.headers });
  }
}

/**
 * The /api/auth/* catch-all. It drives next-auth through its Node API signature with a plain
 * web Request, so it needs no next/headers request scope (tests call it directly), and turns a
 * rate-limited credentials sign-in into a 429 with Retry-After.
 */
export async function handleNextAuth(req: Request, ctx: RouteContext): Promise<Response> {
  const requestId = requestIdFor(req);
  const started = performance.now();
  return runWithRequestContext({ requestId }, async () => {
    const nextauth = (await ctx.params).nextauth ?? [];
    const route = routeLabel(nextauth);
    let response: Response;
    try {
      response = await runNextAuth(req, nextauth);
    } catch (error) {
      response = errorResponse(error, requestId);
    }
    response.headers.set("x-request-id", requestId);
    const seconds = (performance.now() - started) / 1000;
    metrics().httpDuration.observe({ method: req.method, route, status: String(response.status) }, seconds);
    logger().info({ method: req.method, route, status: response.status, duration_ms: Math.round(seconds * 1000) }, "request");
    return response;
  });
}

const ACTIONS = new Set(["providers", "session", "csrf", "signin", "signout", "callback", "verify-request", "error", "_log"]);
const PROVIDERS = new Set(["credentials", "oidc"]);

/** A bounded metrics/log label: the path segments are caller-chosen. */
function routeLabel(nextauth: string[]): string {
  const [action, provider] = nextauth;
  if (!action || !ACTIONS.has(action)) return "/api/auth/*";
  if (provider === undefined) return `/api/auth/${action}`;
  return `/api/auth/${action}/${PROVIDERS.has(provider) ? provider : "*"}`;
}

async function runNextAuth(req: Request, nextauth: string[]): Promise<Response> {
  const url = new URL(req.url);
  const body = await readBody(req);
  const apiReq = {
    method: req.method,
    headers: Object.fromEntries(req.headers),
    cookies: Object.fromEntries(parseCookieHeader(req.headers.get("cookie"))),
    query: { ...Object.fromEntries(url.searchParams), nextauth },
    body,
  };
  const res = new ResponseCollector();
  const attempt: SignInAttempt = {};
  await runSignInAttempt(attempt, () => NextAuth(apiReq as never, res as never, authOptions()));
  const response = res.toResponse();
  if (attempt.retryAfterSeconds !== undefined) return rateLimitedSignIn(response, attempt.retryAfterSeconds, body);
  return response;
}

function rateLimitedSignIn(response: Response, retryAfter: number, body: Record<string, string> | undefined): Response {
  const headers = new Headers(response.headers);
  headers.set("retry-after", String(retryAfter));
  // Browsers posting the form without JavaScript follow next-auth's redirect to the sign-in page.
  if (body?.json !== "true") return new Response(null, { status: response.status, headers });
  headers.set("content-type", "application/json");
  const location = response.headers.get("location");
  return new Response(
    JSON.stringify({
      // next-auth/react parses this with `new URL(url)`: it must be absolute.
      url: location ?? `${getEnv().appUrl}/sign-in?error=${RATE_LIMITED}`,
      error: { type: "RateLimitError", message: "Too many sign-in attempts; try again later", details: { retry_after_seconds: retryAfter } },
    }),
    { status: 429, headers },
  );
}
