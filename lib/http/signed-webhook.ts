import { createHmac, timingSafeEqual } from "node:crypto";
import { AppError } from "@/lib/errors";
import { readLimitedRaw } from "./read-body";

/**
 * Signed webhooks, both ways: HMAC-SHA256 with a shared secret over `timestamp + "." + raw body`,
 * sent as `X-Conveyor-Timestamp` (Unix seconds) and `X-Conveyor-Signature: sha256=<hex>`. The
 * timestamp is inside the signature, so an old capture cannot be replayed once it is older than the
 * tolerance; within it, receivers make handling idempotent (the same call twice changes nothing).
 * Generic: no pipeline knowledge lives here.
 */
export const TIMESTAMP_HEADER = "x-conveyor-timestamp";
export const SIGNATURE_HEADER = "x-conveyor-signature";
/** Five minutes either way: clocks drift, and queues hold calls for a moment. */
export const SIGNATURE_TOLERANCE_SECONDS = 5 * 60;

export type SignatureHeaders = { "X-Conveyor-Timestamp": string; "X-Conveyor-Signature": string };

/** Hex HMAC-SHA256 of `timestamp + "." + body`. */
export function computeSignature(secret: string, timestamp: string, body: Uint8Array | string): string {
  const mac = createHmac("sha256", secret);
  mac.update(`${timestamp}.`);
  mac.update(typeof body === "string" ? Buffer.from(body, "utf8") : body);
  return mac.digest("hex");
}

/** Headers for an outbound call: sign the exact bytes that will be sent. */
export function signatureHeaders(secret: string, body: Uint8Array | string, now: Date = new Date()): SignatureHeaders {
  const timestamp = String(Math.floor(now.getTime() / 1000));
  return { "X-Conveyor-Timestamp": timestamp, "X-Conveyor-Signature": `sha256=${computeSignature(secret, timestamp, body)}` };
}

export type SignatureProblem = "missing" | "malformed" | "stale" | "mismatch";

/**
 * Checks a signature without throwing: null when good, else why not. The comparison is constant
 * time over equal-length buffers, so timing reveals nothing about the expected value.
 */
export function checkSignature(
  secret: string,
  headers: { timestamp: string | null; signature: string | null },
  body: Uint8Array | string,
  now: Date = new Date(),
  toleranceSeconds = SIGNATURE_TOLERANCE_SECONDS,
): SignatureProblem | null {
  const { timestamp, signature } = headers;
  if (!timestamp || !signature) return "missing";
  if (!/^\d{1,12}$/.test(timestamp)) return "malformed";
  const match = /^sha256=([0-9a-f]{64})$/i.exec(signature.trim());
  if (!match) return "malformed";
  if (Math.abs(Math.floor(now.getTime() / 1000) - Number(timestamp)) > toleranceSeconds) return "stale";
  const expected = Buffer.from(computeSignature(secret, timestamp, body), "hex");
  const given = Buffer.from(match[1].toLowerCase(), "hex");
  return given.length === expected.length && timingSafeEqual(given, expected) ? null : "mismatch";
}

const MESSAGES: Record<SignatureProblem, string> = {
  missing: "The request is not signed: send X-Conveyor-Timestamp and X-Conveyor-Signature",
  malformed: "The signature headers are malformed: X-Conveyor-Timestamp is Unix seconds, X-Conveyor-Signature is sha256=<hex>",
  stale: `The signature's timestamp is more than ${SIGNATURE_TOLERANCE_SECONDS / 60} minutes from the server's clock`,
  mismatch: "The signature does not match the request body",
};

/** The 401 (in the one error shape) for a refused signature; `reason` tells the caller which check failed. */
export const invalidSignature = (problem: SignatureProblem) =>
  new AppError("InvalidSignatureError", MESSAGES[problem], 401, { reason: problem });

export type VerifiedBody = { raw: Buffer; text: string; timestamp: string };

/**
 * For a route handler: reads the raw body (bounded), verifies its signature and returns the bytes;
 * throws the 401 otherwise. Parse the body only after this, from `text`, never before: the
 * signature covers the bytes as sent.
 */
export async function readSignedBody(
  req: Request,
  opts: { secret: string; maxBytes: number; now?: Date; toleranceSeconds?: number },
): Promise<VerifiedBody> {
  const raw = await readLimitedRaw(req, opts.maxBytes);
  const timestamp = req.headers.get(TIMESTAMP_HEADER);
  const problem = checkSignature(opts.secret, { timestamp, signature: req.headers.get(SIGNATURE_HEADER) }, raw, opts.now, opts.toleranceSeconds);
  if (problem) throw invalidSignature(problem);
  return { raw, text: raw.toString("utf8"), timestamp: timestamp! };
}
