import type { ClientOptions } from "inngest";
import { logger } from "@/lib/logging";
import { engineMode, isBuildPhase } from "./mode";
import { embeddedSigningKey } from "./signing-key";

/**
 * The SDK's base URL in embedded mode. Requests to it never leave the process: the client's
 * fetch hands them to the engine's API handler (the same one the standalone engine serves).
 * `.invalid` can never resolve, so a mistake fails instead of reaching some host.
 */
export const EMBEDDED_BASE_URL = "http://engine.conveyor.invalid/";

/** The in-process "event key": the in-process API trusts its own process. */
const EMBEDDED_EVENT_KEY = "embedded";

function embedded(): boolean {
  try {
    return engineMode() === "embedded";
  } catch {
    // Invalid settings: instrumentation stops the app with the message; the SDK keeps defaults.
    return false;
  }
}

/**
 * A fetch for an Inngest client whose engine lives in the same process: requests under `baseUrl`
 * go straight to `handle` (the engine's API), everything else to the network.
 */
export function inProcessFetch(baseUrl: string, handle: (request: Request) => Promise<Response>): typeof fetch {
  return async (input: RequestInfo | URL, init?: RequestInit) => {
    const url = typeof input === "string" ? input : input instanceof URL ? input.href : input.url;
    if (!url.startsWith(baseUrl)) return globalThis.fetch(input, init);
    return handle(new Request(input, init));
  };
}

const engineFetch = inProcessFetch(EMBEDDED_BASE_URL, async (request) => {
  const { handleEngineApi } = await import("./api/handle-engine-api");
  return handleEngineApi(request, { trusted: true });
});

/**
 * Adds the engine's wiring to Inngest client options. Every setting is a getter read when the
 * SDK uses it, never at import: `next build` imports the client, and nothing may touch disk then.
 * In external mode each getter yields undefined and the SDK reads its own INNGEST_* variables.
 */
export function withEngine<T extends ClientOptions>(options: T): T {
  const defined = <V>(get: () => V) => ({ get, enumerable: true, configurable: true });
  const userIsDev = options.isDev;
  return Object.defineProperties(options, {
    isDev: defined(() => (embedded() ? false : userIsDev)),
    baseUrl: defined(() => (embedded() ? EMBEDDED_BASE_URL : undefined)),
    eventKey: defined(() => (embedded() ? EMBEDDED_EVENT_KEY : undefined)),
    signingKey: defined(() => (embedded() && !isBuildPhase() ? embeddedSigningKey() : undefined)),
    fetch: { value: engineFetch, enumerable: true, configurable: true, writable: true },
    logger: { value: options.logger ?? logger().child({ component: "inngest" }), enumerable: true, writable: true },
  });
}

