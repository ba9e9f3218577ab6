import { getEnv } from "@/lib/env";
import { withApiHeaders } from "@/lib/http/security-headers";
import type { ZodType } from "zod";
import { resolveAuth } from "@/lib/auth/resolve-auth";
import { denial, type Permission } from "@/lib/auth/permissions";
import type { AuthContext } from "@/lib/auth/types";
import { forbidden, unauthorized } from "@/lib/errors";
import { logger, runWithRequestContext, type Logger } from "@/lib/logging";
import { currentRequestContext } from "@/lib/logging/context";
import { metrics } from "@/lib/metrics";
import { enforceRateLimit } from "@/lib/rate-limit";
import { errorResponse, zodDetails } from "@/lib/http/error-response";
import { nulCharacterDetails } from "@/lib/http/nul-check";
import type { Operation } from "@/lib/http/operation";
import { readJsonBody } from "@/lib/http/read-body";
import { requestIdFor } from "@/lib/http/request-id";
import { sessionMutationAllowed } from "@/lib/http/same-origin";
import { validationFailed } from "@/lib/errors";

export type HandlerContext<P, Q, B, A> = {
  req: Request;
  params: P;
  query: Q;
  body: B;
  auth: A;
  requestId: string;
  log: Logger;
};

type AuthOf<O> = O extends { auth: "none" } ? null : O extends { auth: "optional" } ? AuthContext | null : AuthContext;

type RouteContext = { params: Promise<Record<string, string | string[] | undefined>> };

const DEFAULT_MAX_BODY = 1024 * 1024;

function parseWith<T>(schema: ZodType<T> | undefined, value: unknown, where: string): T {
  if (!schema) return undefined as T;
  const nul = nulCharacterDetails(value, where);
  if (nul.length > 0) throw validationFailed(`Invalid ${where}`, nul);
  const result = schema.safeParse(value);
  if (!result.success) throw validationFailed(`Invalid ${where}`, zodDetails(result.error, where));
  return result.data;
}

function queryObject(url: URL): Record<string, string | string[]> {
  const out: Record<string, string | string[]> = {};
  for (const key of new Set(url.searchParams.keys())) {
    const all = url.searchParams.getAll(key);
    out[key] = all.length === 1 ? all[0] : all;
  }
  return out;
}

/**
 * Wraps a route handler: request id, auth (session or API key), permission, rate limit, zod
 * validation of params/query/body, one error shape, a log line and a duration metric per request.
 * The handler returns a Response, or data to send as 200 JSON.
 */
export function apiRoute<P, Q, B, O extends Operation<P, Q, B>>(
  op: O & Operation<P, Q, B>,
  handler: (ctx: HandlerContext<P, Q, B, AuthOf<O>>) => Promise<Response | object>,
) {
  return async function route(req: Request, routeCtx?: RouteContext): Promise<Response> {
    const requestId = requestIdFor(req);
    const started = performance.now();
    return runWithRequestContext({ requestId }, async () => {
      let response: Response;
      const log = logger();
      try {
        const mode = op.auth ?? "required";
        const auth = mode === "none" ? null : await resolveAuth(req);
        if (mode === "required" && !auth) throw unauthorized();
        if (auth) {
          const ctx = currentRequestContext();
          if (ctx) Object.assign(ctx, { userId: auth.user.id, workspaceId: auth.workspace.id });
          if (auth.via === "session" && !sessionMutationAllowed(req)) {
            throw forbidden("Cross-origin requests cannot act with your session; use an API key");
          }
          const denied = op.permission ? denial(auth, op.permission as Permission) : null;
          if (denied) throw forbidden(denied);
          if (op.operators && !auth.user.isOperator) throw forbidden("Only instance operators can do this");
        }
        for (const bucket of op.rateLimit ? [op.rateLimit].flat() : []) await enforceRateLimit(bucket, req, auth);
        const params = parseWith(op.params, (await routeCtx?.params) ?? {}, "params");
        const query = op.query ? parseWith(op.query, queryObject(new URL(req.url)), "query") : (undefined as Q);
        const body = op.body
          ? parseWith(op.body, (await readJsonBody(req, op.maxBodyBytes ?? DEFAULT_MAX_BODY)) ?? {}, "body")
          : (undefined as B);
        const result = await handler({ req, params, query, body, auth: auth as AuthOf<O>, requestId, log });
        response = result instanceof Response ? result : Response.json(result);
        response.headers.set("x-request-id", requestId);
      } catch (error) {
        response = errorResponse(error, requestId);
      }
      response = withApiHeaders(response, getEnv().appUrl);
      const seconds = (performance.now() - started) / 1000;
      metrics().httpDuration.observe({ method: op.method, route: op.path, status: String(response.status) }, seconds);
      log.info(
        { method: op.method, route: op.path, status: response.status, duration_ms: Math.round(seconds * 1000) },
        "request",
      );
      return response;
    });
  };
}

