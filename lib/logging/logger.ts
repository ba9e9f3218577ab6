import pino, { type Logger, type DestinationStream } from "pino";
import { getEnv } from "@/lib/env";
import { currentRequestContext } from "./context";
import { redact, redactString } from "./redact";

export type { Logger };

const KEY = Symbol.for("conveyor.logger");
type Holder = { [KEY]?: Logger };

function build(destination?: DestinationStream): Logger {
  let level: string;
  try {
    level = getEnv().LOG_LEVEL;
  } catch {
    level = "info";
  }
  return pino(
    {
      level,
      base: { service: "conveyor" },
      messageKey: "msg",
      timestamp: pino.stdTimeFunctions.isoTime,
      formatters: { level: (label) => ({ level: label }) },
      // Every line written while serving a request names it.
      mixin() {
        const ctx = currentRequestContext();
        return ctx ? { request_id: ctx.requestId, user_id: ctx.userId, workspace_id: ctx.workspaceId } : {};
      },
      hooks: {
        // Scrub every argument, not only known paths: secrets hide in error messages and payloads.
        logMethod(args, method) {
          const scrubbed = args.map((a) => (typeof a === "string" ? redactString(a) : redact(a)));
          return method.apply(this, scrubbed as Parameters<typeof method>);
        },
      },
      serializers: { err: (e) => redact(e), error: (e) => redact(e) },
    },
    destination,
  );
}

/** The process-wide structured logger (JSON lines on stdout). */
export function logger(): Logger {
  const g = globalThis as Holder;
  return (g[KEY] ??= build());
}

/** Tests route log lines into a buffer to prove what never appears in them. */
export function setLoggerDestination(destination: DestinationStream | undefined): Logger {
  const g = globalThis as Holder;
  g[KEY] = build(destination);
  return g[KEY];
}
