import { badRequest, payloadTooLarge, unsupportedMediaType } from "@/lib/errors";

/** Reads a request body as text, refusing it as soon as it exceeds `limit` bytes. */
export async function readLimitedText(req: Request, limit: number): Promise<string> {
  return (await readLimitedRaw(req, limit)).toString("utf8");
}

/** Reads a request body's exact bytes (signatures cover bytes, not decoded text), bounded like text. */
export async function readLimitedRaw(req: Request, limit: number): Promise<Buffer> {
  const declared = Number(req.headers.get("content-length") ?? NaN);
  if (Number.isFinite(declared) && declared > limit) throw payloadTooLarge(limit);
  if (!req.body) return Buffer.alloc(0);
  const reader = req.body.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.byteLength;
    if (total > limit) {
      await reader.cancel().catch(() => {});
      throw payloadTooLarge(limit);
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks);
}

/** Parses a JSON request body; 415 for another content type, 400 for malformed JSON. */
export async function readJsonBody(req: Request, limit: number): Promise<unknown> {
  const type = req.headers.get("content-type") ?? "";
  const text = await readLimitedText(req, limit);
  if (text.trim() === "") return undefined;
  if (!/^application\/([\w.+-]+\+)?json\b/i.test(type)) {
    throw unsupportedMediaType("Send the request body as JSON with Content-Type: application/json");
  }
  try {
    return JSON.parse(text);
  } catch {
    throw badRequest("The request body is not valid JSON");
  }
}
