import { randomBytes } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { getEnv } from "@/lib/env";

const KEY = Symbol.for("conveyor.auth-secret");
type Holder = { [KEY]?: string };

/** Where a generated secret is kept when none is configured. */
export function secretFile(dataDir = getEnv().dataDir): string {
  return path.join(dataDir, "auth-secret");
}

/**
 * Reads the generated secret, creating it on first use. `wx` makes the first writer win when
 * several processes start together; the others read what it wrote.
 */
export function readOrCreateSecret(file: string): string {
  const existing = readSecret(file);
  if (existing) return existing;
  fs.mkdirSync(path.dirname(file), { recursive: true, mode: 0o700 });
  const generated = randomBytes(48).toString("base64url");
  try {
    fs.writeFileSync(file, `${generated}\n`, { mode: 0o600, flag: "wx" });
    return generated;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
  }
  // Another process created it a moment ago; give its write a moment to land.
  for (let i = 0; i < 50; i++) {
    const written = readSecret(file);
    if (written) return written;
    Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 20);
  }
  throw new Error(`${file} holds no usable secret; delete it or set AUTH_SECRET`);
}

function readSecret(file: string): string | undefined {
  try {
    const text = fs.readFileSync(file, "utf8").trim();
    return text.length >= 32 ? text : undefined;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return undefined;
    throw error;
  }
}

/** The secret next-auth encrypts session tokens with: AUTH_SECRET, NEXTAUTH_SECRET, or generated. */
export function authSecret(): string {
  const g = globalThis as Holder;
  if (g[KEY]) return g[KEY];
  const env = getEnv();
  g[KEY] = env.AUTH_SECRET ?? env.NEXTAUTH_SECRET ?? readOrCreateSecret(secretFile(env.dataDir));
  return g[KEY];
}

/** Tests pin the secret instead of touching DATA_DIR. */
export function setAuthSecret(secret: string | undefined): void {
  const g = globalThis as Holder;
  if (secret) g[KEY] = secret;
  else delete g[KEY];
}
