import { randomBytes } from "node:crypto";
import { buffer } from "node:stream/consumers";
import { ulid } from "ulid";
import { getDatabase } from "@/lib/db";
import { engineHealth } from "@/lib/engine/health";
import { logger } from "@/lib/logging";
import { storage } from "@/lib/storage";
import { engineProblemCodes } from "./engine-problems";
import type { HealthReport } from "./schemas";

const TIMEOUT_MS = 5_000;

function withTimeout<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what} did not answer within ${ms} ms`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

async function timed(what: string, check: () => Promise<void>): Promise<{ status: "ok" | "down"; latency_ms: number }> {
  const started = performance.now();
  try {
    await withTimeout(check(), TIMEOUT_MS, what);
    return { status: "ok", latency_ms: Math.round(performance.now() - started) };
  } catch (error) {
    // The reason goes to the log only: health is public and must not describe the infrastructure.
    logger().warn({ err: error, check: what }, "health check failed");
    return { status: "down", latency_ms: Math.round(performance.now() - started) };
  }
}

async function probeStorage(): Promise<void> {
  const key = `system/health/${ulid()}`;
  const probe = randomBytes(32);
  const store = storage();
  try {
    await store.put(key, probe);
    if (!(await buffer(await store.get(key))).equals(probe)) throw new Error("storage returned different bytes");
  } finally {
    await store.delete(key).catch(() => {});
  }
}

/**
 * Numbers and booleans from the engine's detail (queue depth, lag) and its mode; other strings
 * (reasons, sync errors) could name hosts or quote errors, so they stay in the logs and the
 * response names them by code (`problems`, see engine-problems.ts).
 */
function safeDetail(detail: Record<string, unknown> | undefined): Record<string, number | boolean | string> {
  return Object.fromEntries(
    Object.entries(detail ?? {}).filter(
      ([k, v]) =>
        /^[a-z_]{1,40}$/i.test(k) &&
        (typeof v === "number" || typeof v === "boolean" || (k === "mode" && typeof v === "string" && /^[a-z-]{1,20}$/.test(v))),
    ),
  ) as Record<string, number | boolean | string>;
}

const LAST_LOGGED = Symbol.for("conveyor.health.engine-problems");
type Holder = { [LAST_LOGGED]?: string };

/** The engine's own words go to the log, once per change: load balancers probe every few seconds. */
function logEngineProblems(status: string, detail: Record<string, unknown> | undefined): void {
  const text = JSON.stringify({ status, problems: detail?.problems, reason: detail?.reason });
  const g = globalThis as Holder;
  if (g[LAST_LOGGED] === text) return;
  g[LAST_LOGGED] = text;
  logger().warn({ check: "engine", status, problems: detail?.problems, reason: detail?.reason }, "engine is not healthy");
}

/**
 * Database (`SELECT 1`), storage (write, read back, delete a probe) and the engine. "down" when
 * the database or storage fails or the engine is down; "degraded" when the engine is degraded.
 * An engine reported "disabled" (Inngest Cloud or an external Inngest server runs the functions)
 * counts as healthy: this process cannot vouch for that service, and is not broken without it.
 */
/**
 * A pipeline's own health (a scheduler that stopped firing): the route passes them in, so this
 * platform module never imports a pipeline. "degraded" makes the whole report degraded.
 */
export type PipelineHealthCheck = {
  name: string;
  check: () => Promise<{ status: "ok" | "degraded" | "off" } & Record<string, string | number | boolean | null>>;
};

export async function checkHealth(pipelines: PipelineHealthCheck[] = []): Promise<HealthReport> {
  const [database, storageCheck, engine] = await Promise.all([
    timed("database", async () => {
      await (await getDatabase()).sql.query("SELECT 1");
    }),
    timed("storage", probeStorage),
    withTimeout(engineHealth(), TIMEOUT_MS, "engine").then(
      (h) => {
        const problems = engineProblemCodes(h.status, h.detail);
        if (problems.length > 0) logEngineProblems(h.status, h.detail);
        return { status: h.status, ...safeDetail(h.detail), ...(problems.length ? { problems } : {}) };
      },
      (error) => {
        logger().warn({ err: error, check: "engine" }, "health check failed");
        return { status: "down" as const, problems: ["other" as const] };
      },
    ),
  ]);
  const pipelineResults = await Promise.all(
    pipelines.map(async (p) => {
      try {
        return [p.name, await withTimeout(p.check(), TIMEOUT_MS, p.name)] as const;
      } catch (error) {
        logger().warn({ err: error, check: p.name }, "health check failed");
        return [p.name, { status: "degraded" as const }] as const;
      }
    }),
  );
  const down = database.status === "down" || storageCheck.status === "down" || engine.status === "down";
  const degraded = engine.status === "degraded" || pipelineResults.some(([, r]) => r.status === "degraded");
  return {
    status: down ? "down" : degraded ? "degraded" : "ok",
    checks: {
      database,
      storage: storageCheck,
      engine,
      ...(pipelineResults.length ? { pipelines: Object.fromEntries(pipelineResults) } : {}),
    },
  };
}
