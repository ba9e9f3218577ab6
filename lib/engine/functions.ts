import type { Sql, SqlRunner } from "@/lib/db";
import { evaluateExpression, expressionKey, matchesExpression, validateExpression } from "./cel";
import { jitterMs, parseCron } from "./cron-schedule";
import { parseDuration } from "./util/duration";
import { functionConfigSchema, type ConcurrencyOption, type FunctionConfig } from "./protocol/types";

/** A registered function as the engine uses it. */
export type FunctionDef = {
  id: string;
  appId: string;
  name: string;
  /** The step runtime URL (`...?fnId=<id>&stepId=step`). */
  url: string;
  config: FunctionConfig;
  maxAttempts: number;
};

/** Inngest's default: 4 retries, so 5 attempts per request. */
export const DEFAULT_RETRIES = 4;

export function maxAttemptsOf(config: FunctionConfig): number {
  const step = Object.values(config.steps)[0];
  const retries = step?.retries?.attempts;
  return (typeof retries === "number" ? retries : DEFAULT_RETRIES) + 1;
}

export function runtimeUrl(config: FunctionConfig): string {
  const step = config.steps.step ?? Object.values(config.steps)[0];
  if (!step) throw new Error(`function ${config.id} has no step runtime`);
  return step.runtime.url;
}

/**
 * Features of Inngest function configs this engine does not implement (see docs/engine.md). A
 * function using one is refused at sync rather than run without the protection it asked for.
 */
export function unsupportedFeatures(config: FunctionConfig): string[] {
  const out: string[] = [];
  const step = config.steps.step ?? Object.values(config.steps)[0];
  if (step && step.runtime.type !== "http") out.push(`runtime "${step.runtime.type}"`);
  return out;
}

export type EventTrigger = { event: string; expression?: string };
export type CronTrigger = { cron: string; jitter?: string };

export function eventTriggers(config: FunctionConfig): EventTrigger[] {
  return config.triggers.flatMap((t) =>
    typeof t.event === "string" ? [{ event: t.event, expression: typeof t.expression === "string" ? t.expression : undefined }] : [],
  );
}

export function cronTriggers(config: FunctionConfig): CronTrigger[] {
  return config.triggers.flatMap((t) =>
    typeof t.cron === "string" ? [{ cron: t.cron, jitter: typeof t.jitter === "string" ? t.jitter : undefined }] : [],
  );
}

/** Every expression a config carries, with where it came from (for sync-time validation). */
export function expressionsOf(config: FunctionConfig): { where: string; source: string }[] {
  const out: { where: string; source: string }[] = [];
  eventTriggers(config).forEach((t, i) => {
    if (t.expression) out.push({ where: `triggers[${i}].expression`, source: t.expression });
  });
  config.cancel?.forEach((c, i) => c.if && out.push({ where: `cancel[${i}].if`, source: c.if }));
  for (const [i, c] of concurrencyOptions(config).entries()) {
    if (c.key) out.push({ where: `concurrency[${i}].key`, source: c.key });
  }
  if (config.singleton?.key) out.push({ where: "singleton.key", source: config.singleton.key });
  if (config.rateLimit?.key) out.push({ where: "rateLimit.key", source: config.rateLimit.key });
  if (config.throttle?.key) out.push({ where: "throttle.key", source: config.throttle.key });
  if (config.debounce?.key) out.push({ where: "debounce.key", source: config.debounce.key });
  if (config.idempotency) out.push({ where: "idempotency", source: config.idempotency });
  if (config.priority?.run) out.push({ where: "priority.run", source: config.priority.run });
  if (config.batchEvents?.key) out.push({ where: "batchEvents.key", source: config.batchEvents.key });
  if (config.batchEvents?.if) out.push({ where: "batchEvents.if", source: config.batchEvents.if });
  return out;
}

/** Parses and checks one synced function; throws with every problem named. */
export function parseFunctionConfig(raw: unknown): FunctionConfig {
  const parsed = functionConfigSchema.safeParse(raw);
  if (!parsed.success) {
    const id = (raw as { id?: unknown })?.id;
    throw new Error(`function ${JSON.stringify(id ?? "?")}: ${parsed.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("; ")}`);
  }
  const problems: string[] = [];
  for (const { where, source } of expressionsOf(parsed.data)) {
    try {
      validateExpression(source);
    } catch (error) {
      problems.push(`${where}: ${(error as Error).message}`);
    }
  }
  for (const [i, t] of cronTriggers(parsed.data).entries()) {
    try {
      parseCron(t.cron);
      jitterMs(t.jitter);
    } catch (error) {
      problems.push(`triggers[${i}].cron: ${(error as Error).message}`);
    }
  }
  for (const feature of unsupportedFeatures(parsed.data)) {
    problems.push(`${feature} is not supported by this engine (run this function on Inngest, or remove ${feature})`);
  }
  const c = parsed.data;
  const durations: [string, string | undefined][] = [
    ["timeouts.start", c.timeouts?.start],
    ["timeouts.finish", c.timeouts?.finish],
    ["rateLimit.period", c.rateLimit?.period],
    ["throttle.period", c.throttle?.period],
    ["debounce.period", c.debounce?.period],
    ["debounce.timeout", c.debounce?.timeout],
  ];
  for (const [where, value] of durations) {
    if (value !== undefined && parseDuration(value) === undefined) problems.push(`${where}: ${JSON.stringify(value)} is not a duration`);
  }
  // Inngest's checks (pkg/inngest/batch.go, IsValid): a whole size, a timeout of at least a second.
  if (c.batchEvents) {
    const size = c.batchEvents.maxSize;
    if (!Number.isInteger(size) || size < 1) problems.push(`batchEvents.maxSize: ${JSON.stringify(size)} is not a batch size (a whole number, 1 or more)`);
    const timeout = parseDuration(c.batchEvents.timeout);
    if (timeout === undefined) problems.push(`batchEvents.timeout: ${JSON.stringify(c.batchEvents.timeout)} is not a duration`);
    else if (timeout < 1_000) problems.push("batchEvents.timeout: batch timeout should be 1s or more");
  }
  if (c.priority?.run && c.batchEvents) problems.push("priority.run: a function cannot specify priority.run and batchEvents together");
  if (problems.length) throw new Error(`function ${parsed.data.id}: ${problems.join("; ")}`);
  return parsed.data;
}

export function concurrencyOptions(config: FunctionConfig): ConcurrencyOption[] {
  const c = config.concurrency;
  if (c === undefined) return [];
  if (typeof c === "number") return [{ limit: c }];
  return Array.isArray(c) ? c : [c];
}

/** The concurrency keys (and limits) a run's requests count against. Limit <= 0 means none. */
export function concurrencyKeys(
  fn: FunctionDef,
  event: unknown,
  onError?: (error: unknown) => void,
): { keys: string[]; limits: number[] } {
  const keys: string[] = [];
  const limits: number[] = [];
  for (const option of concurrencyOptions(fn.config)) {
    if (!(option.limit > 0)) continue;
    let value = "";
    try {
      if (option.key) value = expressionKey(option.key, { event });
    } catch (error) {
      onError?.(error);
    }
    const scope = option.scope ?? "fn";
    // Keys shared across functions (env/account scope) only make sense with a key expression.
    const base = scope === "fn" ? `fn:${fn.id}` : `${scope}:${option.key ?? fn.id}`;
    keys.push(`${base}:${value}`);
    limits.push(Math.floor(option.limit));
  }
  return { keys, limits };
}

/** Inngest's bounds for a run's priority factor, in seconds (consts.PriorityFactorMin/Max). */
export const PRIORITY_FACTOR_MAX = 12 * 3_600;

/**
 * `priority.run`: seconds a run's start is moved ahead of (positive) or behind (negative) work
 * queued at the same time, as Inngest's queue does (`RunPriorityFactor`, `GetPriorityFactor`):
 * a whole number, clamped to 12 hours either way. Anything else counts as 0 (with `onError`).
 */
export function runPriorityFactor(fn: FunctionDef, event: unknown, onError?: (error: unknown) => void): number {
  const source = fn.config.priority?.run;
  if (!source) return 0;
  let value: unknown;
  try {
    value = evaluateExpression(source, { event });
  } catch (error) {
    onError?.(error);
    return 0;
  }
  const n = typeof value === "bigint" ? Number(value) : typeof value === "number" && Number.isInteger(value) ? value : undefined;
  if (n === undefined) {
    onError?.(new Error(`priority.run returned ${JSON.stringify(typeof value === "bigint" ? String(value) : value)}, not a whole number`));
    return 0;
  }
  return Math.max(-PRIORITY_FACTOR_MAX, Math.min(PRIORITY_FACTOR_MAX, n));
}

/** Whether a trigger event name pattern (`app/*` wildcards allowed) matches a name. */
export function eventNameMatches(pattern: string, name: string): boolean {
  if (pattern === name) return true;
  if (!pattern.includes("*")) return false;
  const re = new RegExp(`^${pattern.split("*").map((p) => p.replace(/[.+?^${}()|[\]\\]/g, "\\$&")).join(".*")}$`);
  return re.test(name);
}

/** Whether a function runs for an event: a trigger with that name whose `if` holds. */
export function triggeredBy(fn: FunctionDef, event: { name: string }): boolean {
  return eventTriggers(fn.config).some(
    (t) => eventNameMatches(t.event, event.name) && (!t.expression || safeMatch(t.expression, event)),
  );
}

function safeMatch(expression: string, event: unknown): boolean {
  try {
    return matchesExpression(expression, { event });
  } catch {
    return false;
  }
}

type Row = { id: string; app_id: string; name: string; url: string; config: unknown; max_attempts: number };

function toDef(r: Row): FunctionDef {
  return { id: r.id, appId: r.app_id, name: r.name, url: r.url, config: r.config as FunctionConfig, maxAttempts: r.max_attempts };
}

const CACHE = Symbol.for("conveyor.engine.functions");
type Cache = { stamp: string; list: FunctionDef[]; byId: Map<string, FunctionDef> };
type Holder = { [CACHE]?: WeakMap<object, Cache> };

/**
 * The active functions, cached per database until any function row changes (one cheap query per
 * call decides). Several processes sync and read: the stamp makes every process see a sync.
 */
export async function activeFunctions(sql: Sql | SqlRunner, cacheKey: object = sql): Promise<Cache> {
  const g = globalThis as Holder;
  const caches = (g[CACHE] ??= new WeakMap());
  const [stampRow] = await sql.query<{ stamp: string }>(
    `SELECT count(*)::text || ':' || coalesce(max(updated_at)::text, '') AS stamp FROM engine_functions WHERE NOT archived`,
  );
  const hit = caches.get(cacheKey);
  if (hit && hit.stamp === stampRow.stamp) return hit;
  const rows = await sql.query<Row>(
    `SELECT id, app_id, name, url, config, max_attempts FROM engine_functions WHERE NOT archived ORDER BY id`,
  );
  const list = rows.map(toDef);
  const fresh = { stamp: stampRow.stamp, list, byId: new Map(list.map((f) => [f.id, f])) };
  caches.set(cacheKey, fresh);
  return fresh;
}

/** One function by id, archived ones included (runs of removed functions still finish or fail). */
export async function functionById(sql: SqlRunner, id: string): Promise<FunctionDef | undefined> {
  const [row] = await sql.query<Row>(
    `SELECT id, app_id, name, url, config, max_attempts FROM engine_functions WHERE id = $1`,
    [id],
  );
  return row ? toDef(row) : undefined;
}
