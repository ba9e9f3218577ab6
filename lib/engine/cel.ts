import { Environment, type ParseResult } from "@marcbachmann/cel-js";

/**
 * CEL expressions from function configs: trigger `if`, `cancelOn`/`waitForEvent` `if`,
 * concurrency/singleton/idempotency keys. `event` is the run's trigger event; `async` the incoming
 * event being matched. Unsupported or malformed expressions throw ExpressionError when compiled
 * (at sync), never match everything.
 */
export class ExpressionError extends Error {
  constructor(
    readonly expression: string,
    reason: string,
  ) {
    super(`unsupported or invalid expression ${JSON.stringify(expression)}: ${reason}`);
    this.name = "ExpressionError";
  }
}

const env = new Environment({ unlistedVariablesAreDyn: true, homogeneousAggregateLiterals: false });

export type CompiledExpression = { source: string; run: ParseResult };

const cache = new Map<string, CompiledExpression>();
const CACHE_LIMIT = 2000;

export function compileExpression(source: string): CompiledExpression {
  const hit = cache.get(source);
  if (hit) return hit;
  let run: ParseResult;
  try {
    run = env.parse(source);
  } catch (error) {
    throw new ExpressionError(source, firstLine(error));
  }
  const checked = run.check();
  if (!checked.valid) throw new ExpressionError(source, firstLine(checked.error));
  const compiled = { source, run };
  if (cache.size >= CACHE_LIMIT) cache.delete(cache.keys().next().value as string);
  cache.set(source, compiled);
  return compiled;
}

/** Throws ExpressionError when the expression cannot be used (sync-time validation). */
export function validateExpression(source: string): void {
  compileExpression(source);
}

export type ExpressionVars = { event?: unknown; async?: unknown };

/**
 * Evaluates an expression. A reference to a field the event does not have yields `undefined`
 * (Inngest treats it as no match); any other evaluation failure throws ExpressionError.
 */
export function evaluateExpression(source: string, vars: ExpressionVars): unknown {
  const { run } = compileExpression(source);
  try {
    return fromCel(run(toCel(vars) as Record<string, unknown>));
  } catch (error) {
    const message = firstLine(error);
    if (/no such key|undefined|not found/i.test(message)) return undefined;
    throw new ExpressionError(source, message);
  }
}

/** True only when the expression evaluates to boolean true. */
export function matchesExpression(source: string, vars: ExpressionVars): boolean {
  return evaluateExpression(source, vars) === true;
}

/** A key expression's value as a string (concurrency, singleton, idempotency keys). */
export function expressionKey(source: string, vars: ExpressionVars): string {
  const value = evaluateExpression(source, vars);
  if (typeof value === "string") return value;
  return JSON.stringify(value ?? null);
}

// JSON integers become CEL ints so `event.data.n + 1` works; other numbers stay doubles.
function toCel(value: unknown): unknown {
  if (typeof value === "number") return Number.isSafeInteger(value) ? BigInt(value) : value;
  if (Array.isArray(value)) return value.map(toCel);
  if (value && typeof value === "object") {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) if (v !== undefined) out[k] = toCel(v);
    return out;
  }
  return value;
}

function fromCel(value: unknown): unknown {
  if (typeof value === "bigint") return Number(value);
  if (Array.isArray(value)) return value.map(fromCel);
  if (value instanceof Map) return Object.fromEntries([...value].map(([k, v]) => [String(k), fromCel(v)]));
  if (value && typeof value === "object" && Object.getPrototypeOf(value) === Object.prototype) {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, fromCel(v)]));
  }
  return value;
}

function firstLine(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  return message.split("\n")[0];
}
