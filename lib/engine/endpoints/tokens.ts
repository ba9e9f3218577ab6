import { createHmac, randomBytes, timingSafeEqual } from "node:crypto";
import type { EngineContext } from "../context";

/**
 * Tokens for the two URLs a durable endpoint hands its caller when the run goes async (Inngest's
 * run claim JWT and realtime subscription JWT, `pkg/api/apiv1/apiv1auth`, `pkg/execution/realtime`):
 * `output` reads one run's result at `/v1/http/runs/{id}/output`, `stream` subscribes to one run's
 * stream at `/v1/realtime/sse`. They are HS256 JWTs bound to the run and expire; whoever holds one
 * can read that run's output and nothing else (the caller of the endpoint, usually a browser).
 *
 * The key is derived from the signing key, so every process sharing it accepts the others' tokens;
 * an engine without a signing key (development) uses a random key that lives as long as the process.
 */
export type RunTokenKind = "output" | "stream";

export type RunClaims = { runId: string; kind: RunTokenKind; exp: number };

/** Inngest: run claims last 24 hours; a stream subscription the longest stream (15 minutes) plus one. */
export const TOKEN_TTL_MS: Record<RunTokenKind, number> = { output: 24 * 3_600_000, stream: 16 * 60_000 };

const KEY = Symbol.for("conveyor.engine.run-token-key");
type Holder = { [KEY]?: Buffer };

function tokenKey(ctx: Pick<EngineContext, "signingKey">): Buffer {
  if (ctx.signingKey) return createHmac("sha256", ctx.signingKey).update("conveyor-engine/run-token/v1").digest();
  const g = globalThis as Holder;
  return (g[KEY] ??= randomBytes(32));
}

const b64 = (value: string | Buffer) => Buffer.from(value).toString("base64url");
const HEADER = b64(JSON.stringify({ alg: "HS256", typ: "JWT" }));

export function createRunToken(ctx: Pick<EngineContext, "signingKey">, runId: string, kind: RunTokenKind, nowMs: number): string {
  const payload = b64(JSON.stringify({ sub: runId, knd: kind, iat: Math.floor(nowMs / 1000), exp: Math.floor((nowMs + TOKEN_TTL_MS[kind]) / 1000) }));
  const sig = createHmac("sha256", tokenKey(ctx)).update(`${HEADER}.${payload}`).digest("base64url");
  return `${HEADER}.${payload}.${sig}`;
}

/** The claims of a valid, unexpired token of this kind; null for anything else. */
export function verifyRunToken(
  ctx: Pick<EngineContext, "signingKey">,
  token: string | null | undefined,
  kind: RunTokenKind,
  nowMs: number,
): RunClaims | null {
  if (!token || token.length > 2048) return null;
  const parts = token.split(".");
  if (parts.length !== 3 || parts[0] !== HEADER) return null;
  const expected = createHmac("sha256", tokenKey(ctx)).update(`${parts[0]}.${parts[1]}`).digest();
  const given = Buffer.from(parts[2], "base64url");
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return null;
  let claims: { sub?: unknown; knd?: unknown; exp?: unknown };
  try {
    claims = JSON.parse(Buffer.from(parts[1], "base64url").toString("utf8")) as typeof claims;
  } catch {
    return null;
  }
  if (typeof claims.sub !== "string" || claims.knd !== kind || typeof claims.exp !== "number") return null;
  if (claims.exp * 1000 <= nowMs) return null;
  return { runId: claims.sub, kind, exp: claims.exp };
}
