import { getEnv } from "@/lib/env";
import { parseBooleanish } from "../util/booleanish";
import { engineMode } from "../mode";
import { canonicalJson, verifySignature } from "../protocol/sign";
import { embeddedSigningKey } from "../signing-key";

/**
 * The keys a sync (PUT to the serve endpoint) must be signed with: the embedded engine's key, or
 * Inngest's signing key and its fallback. Empty only for an SDK pointed at an Inngest dev server
 * (INNGEST_DEV), which syncs unsigned as `inngest-cli dev` does.
 */
function syncKeys(): string[] {
  if (engineMode() === "embedded") return [embeddedSigningKey()];
  const env = getEnv();
  return [env.INNGEST_SIGNING_KEY, env.INNGEST_SIGNING_KEY_FALLBACK].filter((k): k is string => Boolean(k));
}

function devServer(): boolean {
  const dev = getEnv().INNGEST_DEV;
  return Boolean(dev) && parseBooleanish(dev!) !== false;
}

/**
 * Whether a sync request may reach the SDK. A sync makes the SDK register the app's functions,
 * so an unsigned one is refused in every mode but development against an Inngest dev server.
 * Signatures are checked over the raw body and over its canonical JSON (as the SDK signs), and
 * are only good for 5 minutes; the served URL is pinned by settings, so even a replayed signed
 * sync cannot move the functions anywhere.
 */
export function syncRequestAllowed(signature: string | null, body: string, nowMs = Date.now()): boolean {
  const keys = syncKeys();
  if (keys.length === 0) return devServer();
  if (verifySignature(signature, body, keys, nowMs)) return true;
  try {
    return verifySignature(signature, canonicalJson(JSON.parse(body)), keys, nowMs);
  } catch {
    return false;
  }
}
