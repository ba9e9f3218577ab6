import { z } from "zod";

/**
 * What the SDK reports at sync and returns from calls. Deliberately lenient (unknown fields are
 * kept and ignored): apps built with other SDK versions must still sync.
 */
const concurrencyOption = z.looseObject({
  limit: z.number(),
  key: z.string().optional(),
  scope: z.enum(["fn", "env", "account"]).optional(),
});

export const functionConfigSchema = z.looseObject({
  id: z.string().min(1),
  name: z.string().optional(),
  triggers: z
    .array(
      z.union([
        z.looseObject({ event: z.string().min(1), expression: z.string().optional() }),
        z.looseObject({ cron: z.string().min(1), jitter: z.string().optional() }),
      ]),
    )
    .default([]),
  steps: z.record(
    z.string(),
    z.looseObject({
      id: z.string(),
      name: z.string().optional(),
      runtime: z.looseObject({ type: z.string(), url: z.string() }),
      retries: z.looseObject({ attempts: z.number().int().min(0).optional() }).optional(),
    }),
  ),
  idempotency: z.string().optional(),
  batchEvents: z
    .looseObject({ maxSize: z.number(), timeout: z.string(), key: z.string().optional(), if: z.string().optional() })
    .optional(),
  rateLimit: z.looseObject({ limit: z.number(), period: z.string(), key: z.string().optional() }).optional(),
  throttle: z
    .looseObject({ limit: z.number(), period: z.string(), burst: z.number().optional(), key: z.string().optional() })
    .optional(),
  singleton: z.looseObject({ key: z.string().optional(), mode: z.enum(["skip", "cancel"]) }).optional(),
  cancel: z
    .array(z.looseObject({ event: z.string().min(1), if: z.string().optional(), timeout: z.string().optional() }))
    .optional(),
  debounce: z.looseObject({ period: z.string(), key: z.string().optional(), timeout: z.string().optional() }).optional(),
  timeouts: z.looseObject({ start: z.string().optional(), finish: z.string().optional() }).optional(),
  priority: z.looseObject({ run: z.string().optional() }).optional(),
  concurrency: z.union([z.number(), concurrencyOption, z.array(concurrencyOption)]).optional(),
});

export type FunctionConfig = z.infer<typeof functionConfigSchema>;

export type ConcurrencyOption = z.infer<typeof concurrencyOption>;

/** The body of an in-band sync answer / out-of-band register call. */
export const syncBodySchema = z.looseObject({
  url: z.string().optional(),
  app_id: z.string().optional(),
  appName: z.string().optional(),
  appVersion: z.string().optional(),
  framework: z.string().optional(),
  sdk: z.string().optional(),
  sdk_language: z.string().optional(),
  sdk_version: z.string().optional(),
  functions: z.array(z.unknown()).default([]),
});

export const OP = {
  StepRun: "StepRun",
  StepError: "StepError",
  StepFailed: "StepFailed",
  StepPlanned: "StepPlanned",
  Sleep: "Sleep",
  WaitForEvent: "WaitForEvent",
  WaitForSignal: "WaitForSignal",
  InvokeFunction: "InvokeFunction",
  RunComplete: "RunComplete",
  DiscoveryRequest: "DiscoveryRequest",
  Step: "Step",
} as const;

export const opSchema = z.looseObject({
  op: z.string(),
  id: z.string(),
  name: z.string().optional(),
  displayName: z.string().optional(),
  opts: z.record(z.string(), z.unknown()).nullish(),
  data: z.unknown().optional(),
  error: z.unknown().optional(),
  timing: z.looseObject({ a: z.number(), b: z.number() }).optional(),
  userland: z.looseObject({ id: z.string().optional() }).optional(),
});

export type Op = z.infer<typeof opSchema>;

export type SerializedError = { name: string; message: string; stack?: string; [k: string]: unknown };

/** Any thrown value or error body as `{name, message, stack?}`. */
export function toSerializedError(value: unknown, fallbackMessage = "Unknown error"): SerializedError {
  if (value && typeof value === "object") {
    const v = value as Record<string, unknown>;
    const inner = v.error && typeof v.error === "object" ? (v.error as Record<string, unknown>) : undefined;
    const src = typeof v.message === "string" || typeof v.name === "string" ? v : (inner ?? v);
    const out: SerializedError = {
      name: typeof src.name === "string" && src.name ? src.name : "Error",
      message:
        typeof src.message === "string" ? src.message : typeof v.error === "string" ? v.error : fallbackMessage,
    };
    if (typeof src.stack === "string") out.stack = src.stack;
    if (src.cause !== undefined) out.cause = src.cause;
    return out;
  }
  if (typeof value === "string" && value) return { name: "Error", message: value };
  return { name: "Error", message: fallbackMessage };
}
