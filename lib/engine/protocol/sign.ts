import { createHmac, timingSafeEqual } from "node:crypto";

/**
 * Request signing as the Inngest SDK checks it: `t=<unix seconds>&s=<hex HMAC-SHA256>` over the
 * body followed by t, keyed by the signing key without its `signkey-<env>-` prefix (as ASCII).
 * The SDK canonicalises JSON bodies (RFC 8785) before checking, so callers sign and send the
 * canonical text.
 */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== "object") {
    if (typeof value === "number" && !Number.isFinite(value)) return "null";
    return JSON.stringify(value) ?? "null";
  }
  if (typeof (value as { toJSON?: unknown }).toJSON === "function") {
    return canonicalJson((value as { toJSON(): unknown }).toJSON());
  }
  if (Array.isArray(value)) {
    return `[${value.map((v) => (v === undefined || typeof v === "function" || typeof v === "symbol" ? "null" : canonicalJson(v))).join(",")}]`;
  }
  const record = value as Record<string, unknown>;
  // RFC 8785 orders keys by UTF-16 code units, which is what the default sort compares.
  const parts: string[] = [];
  for (const key of Object.keys(record).sort()) {
    const v = record[key];
    if (v === undefined || typeof v === "function" || typeof v === "symbol") continue;
    parts.push(`${JSON.stringify(key)}:${canonicalJson(v)}`);
  }
  return `{${parts.join(",")}}`;
}

function hmacKey(signingKey: string): string {
  return signingKey.replace(/^signkey-\w+-/, "");
}

export function signBody(body: string, signingKey: string, nowMs: number): string {
  const t = Math.floor(nowMs / 1000).toString();
  const s = createHmac("sha256", hmacKey(signingKey)).update(body).update(t).digest("hex");
  return `t=${t}&s=${s}`;
}

const MAX_SKEW_MS = 5 * 60_000;

/** Whether `header` is a valid signature of `body` by one of `keys`, made within 5 minutes of now. */
export function verifySignature(header: string | null, body: string, keys: string[], nowMs: number): boolean {
  if (!header) return false;
  const params = new URLSearchParams(header);
  const t = params.get("t");
  const s = params.get("s");
  if (!t || !s || !/^\d+$/.test(t)) return false;
  if (Math.abs(nowMs - Number(t) * 1000) > MAX_SKEW_MS) return false;
  const given = Buffer.from(s, "hex");
  return keys.some((key) => {
    const expected = createHmac("sha256", hmacKey(key)).update(body).update(t).digest();
    return expected.length === given.length && timingSafeEqual(expected, given);
  });
}
