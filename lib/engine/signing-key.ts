import { createHash, randomBytes } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { getEnv } from "@/lib/env";

const KEY = Symbol.for("conveyor.engine.signingKey");
type Holder = { [KEY]?: string };

/**
 * The key the embedded engine signs calls to /api/inngest with, and the SDK checks them against:
 * INNGEST_SIGNING_KEY, else one generated once and kept in DATA_DIR/engine/signing-key (0600), so
 * every process of one installation (web, workers) agrees without configuration.
 */
export function embeddedSigningKey(): string {
  const g = globalThis as Holder;
  if (g[KEY]) return g[KEY];
  const env = getEnv();
  const key = env.INNGEST_SIGNING_KEY ?? readOrCreateKeyFile(path.join(env.dataDir, "engine", "signing-key"));
  g[KEY] = key;
  return key;
}

function readOrCreateKeyFile(file: string): string {
  try {
    return fs.readFileSync(file, "utf8").trim();
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "ENOENT") throw error;
  }
  fs.mkdirSync(path.dirname(file), { recursive: true, mode: 0o700 });
  const key = `signkey-prod-${randomBytes(32).toString("hex")}`;
  try {
    // "wx": two processes starting at once must not overwrite each other's key.
    fs.writeFileSync(file, `${key}\n`, { mode: 0o600, flag: "wx" });
    return key;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "EEXIST") return fs.readFileSync(file, "utf8").trim();
    throw error;
  }
}

/** The form the SDK sends in `Authorization: Bearer` when it calls the server. */
export function hashedSigningKey(key: string): string {
  const match = /^(signkey-\w+-)(.*)$/.exec(key);
  const prefix = match?.[1] ?? "";
  const body = match?.[2] ?? key;
  return `${prefix}${createHash("sha256").update(Buffer.from(body, "hex")).digest("hex")}`;
}
