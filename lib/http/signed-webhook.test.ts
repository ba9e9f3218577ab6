import { describe, expect, it } from "vitest";
import { errorResponse } from "./error-response";
import { checkSignature, computeSignature, readSignedBody, signatureHeaders } from "./signed-webhook";

const SECRET = "test-signing-secret-0123456789";
const NOW = new Date("2026-12-04T12:00:00Z");
const BODY = JSON.stringify({ status: "success", notion_page_url: "https://www.notion.so/abc" });

function signedRequest(body: string | Uint8Array, headers: Record<string, string>): Request {
  return new Request("http://localhost/hook", { method: "POST", body: body as BodyInit, headers: { "content-type": "application/json", ...headers } });
}

async function refusal(req: Request, now = NOW) {
  try {
    await readSignedBody(req, { secret: SECRET, maxBytes: 1024, now });
  } catch (error) {
    const res = errorResponse(error, "req-1");
    return { status: res.status, body: await res.json() };
  }
  throw new Error("expected a refusal");
}

describe("signed webhooks", () => {
  it("matches an HMAC-SHA256 computed independently over timestamp.body", () => {
    // Reference value from `printf '1796385600.{"a":1}' | openssl dgst -sha256 -hmac key`.
    expect(computeSignature("key", "1796385600", '{"a":1}')).toBe("ffbea2cc7eb8e5db29a1dcb650b3499903d51b1b6460edd8b6b1f293dd9fcdf4");
    expect(computeSignature("key", "1796385600", Buffer.from('{"a":1}'))).toBe("ffbea2cc7eb8e5db29a1dcb650b3499903d51b1b6460edd8b6b1f293dd9fcdf4");
    const headers = signatureHeaders(SECRET, BODY, NOW);
    expect(headers["X-Conveyor-Timestamp"]).toBe(String(NOW.getTime() / 1000));
    expect(headers["X-Conveyor-Signature"]).toMatch(/^sha256=[0-9a-f]{64}$/);
  });

  it("accepts a good signature and returns the raw bytes", async () => {
    const verified = await readSignedBody(signedRequest(BODY, signatureHeaders(SECRET, BODY, NOW)), { secret: SECRET, maxBytes: 1024, now: NOW });
    expect(verified.text).toBe(BODY);
  });

  it("refuses a signature made with another secret (401, one error shape)", async () => {
    const res = await refusal(signedRequest(BODY, signatureHeaders("another-secret", BODY, NOW)));
    expect(res).toMatchObject({ status: 401, body: { error: { type: "InvalidSignatureError", details: { reason: "mismatch" } }, request_id: "req-1" } });
  });

  it("refuses a body changed by one byte", async () => {
    const headers = signatureHeaders(SECRET, BODY, NOW);
    const changed = Buffer.from(BODY);
    changed[changed.length - 3] ^= 0x01;
    const res = await refusal(signedRequest(changed, headers));
    expect(res.status).toBe(401);
    expect(res.body.error.details.reason).toBe("mismatch");
  });

  it("refuses missing headers, each one", async () => {
    const full = signatureHeaders(SECRET, BODY, NOW);
    expect((await refusal(signedRequest(BODY, {}))).body.error.details.reason).toBe("missing");
    expect((await refusal(signedRequest(BODY, { "X-Conveyor-Timestamp": full["X-Conveyor-Timestamp"] }))).status).toBe(401);
    expect((await refusal(signedRequest(BODY, { "X-Conveyor-Signature": full["X-Conveyor-Signature"] }))).status).toBe(401);
  });

  it("refuses malformed headers", async () => {
    const full = signatureHeaders(SECRET, BODY, NOW);
    const bare = full["X-Conveyor-Signature"].slice("sha256=".length);
    expect((await refusal(signedRequest(BODY, { ...full, "X-Conveyor-Signature": bare }))).body.error.details.reason).toBe("malformed");
    expect((await refusal(signedRequest(BODY, { ...full, "X-Conveyor-Timestamp": "2026-12-04T12:00:00Z" }))).body.error.details.reason).toBe("malformed");
  });

  it("refuses a stale timestamp (over 5 minutes either way) and allows drift within it", () => {
    const parts = (at: Date) => {
      const h = signatureHeaders(SECRET, BODY, at);
      return { timestamp: h["X-Conveyor-Timestamp"], signature: h["X-Conveyor-Signature"] };
    };
    expect(checkSignature(SECRET, parts(new Date(NOW.getTime() - 301_000)), BODY, NOW)).toBe("stale");
    expect(checkSignature(SECRET, parts(new Date(NOW.getTime() + 301_000)), BODY, NOW)).toBe("stale");
    expect(checkSignature(SECRET, parts(new Date(NOW.getTime() - 299_000)), BODY, NOW)).toBeNull();
  });

  it("refuses a replay once the capture is older than the tolerance; a replay with a new timestamp needs the secret", async () => {
    const captured = signatureHeaders(SECRET, BODY, NOW);
    // The same request, sent again ten minutes later.
    const later = new Date(NOW.getTime() + 10 * 60_000);
    expect((await refusal(signedRequest(BODY, captured), later)).body.error.details.reason).toBe("stale");
    // Moving the timestamp forward breaks the signature.
    const moved = { ...captured, "X-Conveyor-Timestamp": String(later.getTime() / 1000) };
    expect((await refusal(signedRequest(BODY, moved), later)).body.error.details.reason).toBe("mismatch");
  });

  it("refuses an over-long body before checking anything", async () => {
    const big = "x".repeat(2048);
    const res = await refusal(signedRequest(big, signatureHeaders(SECRET, big, NOW)));
    expect(res.status).toBe(413);
  });
});
