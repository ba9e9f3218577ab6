import { createHash, randomBytes } from "node:crypto";

const ALPHABET = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
/** 43 base62 characters carry 256 bits. */
const SECRET_CHARS = 43;
export const API_KEY_PREFIX = "cvk_";
/** How much of a key is kept and shown to tell keys apart ("cvk_" + 8 characters). */
export const VISIBLE_PREFIX_LENGTH = 12;

const SHAPE = /^cvk_[0-9A-Za-z]{32,128}$/;

/** A new key: `cvk_` + 43 random base62 characters (rejection sampling keeps it unbiased). */
export function generateApiKey(): string {
  let out = "";
  while (out.length < SECRET_CHARS) {
    for (const byte of randomBytes(64)) {
      // 248 = 4 * 62: bytes above it would favour the first characters.
      if (byte < 248 && out.length < SECRET_CHARS) out += ALPHABET[byte % 62];
    }
  }
  return API_KEY_PREFIX + out;
}

/** Keys are 256-bit random, so a fast hash is enough to make a stolen table useless. */
export function hashApiKey(key: string): string {
  return createHash("sha256").update(key).digest("hex");
}

export function visiblePrefix(key: string): string {
  return key.slice(0, VISIBLE_PREFIX_LENGTH);
}

export function looksLikeApiKey(value: string): boolean {
  return SHAPE.test(value);
}
