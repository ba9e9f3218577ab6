// Control characters, and bidi overrides that can disguise an extension ("invoice\u202Efdp.exe").
const UNSAFE = /[\u0000-\u001f\u007f-\u009f\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;
const RESERVED = /[<>:"/\\|?*]/g;
const MAX_BYTES = 200;

/**
 * A display and download name from whatever a client sent: no directories, no control or bidi
 * characters, no leading dots, at most 200 UTF-8 bytes with the extension kept.
 */
export function sanitizeFilename(name: string | null | undefined, fallback = "file"): string {
  const base = (name ?? "").normalize("NFC").split(/[/\\]/).pop() ?? "";
  const cleaned = base
    .replace(UNSAFE, "")
    .replace(RESERVED, "_")
    .replace(/\s+/g, " ")
    .replace(/^[\s.]+|[\s.]+$/g, "");
  if (!cleaned) return fallback;
  if (Buffer.byteLength(cleaned) <= MAX_BYTES) return cleaned;
  const dot = cleaned.lastIndexOf(".");
  const ext = dot > 0 && cleaned.length - dot <= 16 ? cleaned.slice(dot) : "";
  let stem = cleaned.slice(0, cleaned.length - ext.length);
  while (Buffer.byteLength(stem + ext) > MAX_BYTES) stem = Array.from(stem).slice(0, -1).join("");
  return stem.trimEnd() + ext;
}

/** RFC 5987 attr-char percent-encoding (encodeURIComponent leaves ' ( ) * alone). */
function encodeRfc5987(value: string): string {
  return encodeURIComponent(value).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
}

/**
 * `attachment; filename="<ASCII fallback>"; filename*=UTF-8''<encoded>` (RFC 6266): modern clients
 * use the UTF-8 name, old ones the ASCII one.
 */
export function contentDisposition(filename: string, disposition: "attachment" | "inline" = "attachment"): string {
  const name = sanitizeFilename(filename);
  const ascii = name.replace(/[^\x20-\x7e]/g, "_").replace(/["\\%]/g, "_");
  return `${disposition}; filename="${ascii}"; filename*=UTF-8''${encodeRfc5987(name)}`;
}
