import { getEnv, type Env } from "@/lib/env";
import { parseBooleanish } from "./util/booleanish";

export type EngineMode = "embedded" | "external";

/**
 * Embedded unless the deployment points the SDK at an Inngest server: INNGEST_DEV (true or a
 * URL), INNGEST_BASE_URL (or the API/event variants), or Inngest Cloud's key pair. ENGINE_MODE
 * overrides the guess.
 */
export function engineMode(env: Env = getEnv()): EngineMode {
  if (env.ENGINE_MODE !== "auto") return env.ENGINE_MODE;
  const dev = env.INNGEST_DEV;
  if (dev && parseBooleanish(dev) !== false) return "external";
  if (env.INNGEST_BASE_URL || env.INNGEST_API_BASE_URL || env.INNGEST_EVENT_API_BASE_URL) return "external";
  if (env.INNGEST_EVENT_KEY && env.INNGEST_SIGNING_KEY) return "external";
  return "embedded";
}

export { isBuildPhase } from "@/lib/env/engine";
