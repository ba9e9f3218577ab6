/**
 * Keeps run details readable and light when steps return big values: a value whose JSON is longer
 * than the limit is replaced by the start of its pretty-printed JSON, and its JSON pointer is
 * recorded so clients know it is a preview, not the value.
 */
export class ValueLimiter {
  readonly truncated: string[] = [];

  constructor(private readonly maxBytes: number | undefined) {}

  limit(value: unknown, pointer: string): unknown {
    if (this.maxBytes === undefined || value === null || value === undefined) return value ?? null;
    const compact = JSON.stringify(value);
    if (compact === undefined || Buffer.byteLength(compact) <= this.maxBytes) return value;
    this.truncated.push(pointer);
    return cutUtf8(JSON.stringify(value, null, 2), this.maxBytes);
  }
}

/** The longest prefix of `text` that fits in `maxBytes` of UTF-8, never splitting a character. */
export function cutUtf8(text: string, maxBytes: number): string {
  const bytes = Buffer.from(text, "utf8");
  if (bytes.length <= maxBytes) return text;
  let end = maxBytes;
  // Back up over continuation bytes (10xxxxxx) so the cut lands on a character boundary.
  while (end > 0 && (bytes[end] & 0xc0) === 0x80) end--;
  return bytes.subarray(0, end).toString("utf8");
}
