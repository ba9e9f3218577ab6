import { getEnv, type Env } from "@/lib/env";
import { engineMode } from "../mode";

/**
 * Where this app serves its functions, from settings alone: ENGINE_SDK_URL, else the loopback
 * address in embedded mode, else APP_URL's /api/inngest. Never from a request's Host header: the
 * SDK would otherwise register whatever host a caller names, and the engine would send every
 * tenant's calls there.
 */
export function appServeUrl(env: Env = getEnv()): URL {
  if (env.ENGINE_SDK_URL) return new URL(env.ENGINE_SDK_URL);
  if (engineMode(env) === "embedded") return new URL(`http://127.0.0.1:${env.PORT}/api/inngest`);
  return new URL("/api/inngest", env.appUrl);
}

/** The part of a serve URL that names the endpoint: origin and path, without the query. */
export function endpointOf(url: string | URL): string | undefined {
  try {
    const u = new URL(url);
    return `${u.origin}${u.pathname.replace(/\/+$/, "")}`;
  } catch {
    return undefined;
  }
}
