/**
 * Content types from magic bytes, never from the name or the client's claim. Looks at the head of
 * a file (the first few KiB); `complete` says the head is the whole file, which lets JSON be parsed.
 */
export function sniffContentType(bytes: Uint8Array, complete = false): string {
  const b = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (b.subarray(0, 1024).includes("%PDF-")) return "application/pdf";
  if (startsWith(b, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return "image/png";
  if (startsWith(b, [0xff, 0xd8, 0xff])) return "image/jpeg";
  if (b.subarray(0, 6).toString("latin1") === "GIF87a" || b.subarray(0, 6).toString("latin1") === "GIF89a") return "image/gif";
  if (b.subarray(0, 4).toString("latin1") === "RIFF" && b.subarray(8, 12).toString("latin1") === "WEBP") return "image/webp";
  const isobmff = isoMediaImage(b);
  if (isobmff) return isobmff;
  if (startsWith(b, [0x50, 0x4b, 0x03, 0x04]) || startsWith(b, [0x50, 0x4b, 0x05, 0x06])) return zipFlavour(b);
  const text = decodeText(b, complete);
  if (text === undefined) return "application/octet-stream";
  return textFlavour(text, complete);
}

/** HEIC/HEIF/AVIF photos (phones' default) are ISO media files: an `ftyp` box whose brands name the codec. */
const HEIF_BRANDS: Record<string, string> = {
  heic: "image/heic", heix: "image/heic", heim: "image/heic", heis: "image/heic", hevc: "image/heic-sequence", hevx: "image/heic-sequence",
  mif1: "image/heif", msf1: "image/heif-sequence", avif: "image/avif", avis: "image/avif",
};

function isoMediaImage(b: Buffer): string | undefined {
  if (b.length < 16 || b.subarray(4, 8).toString("latin1") !== "ftyp") return undefined;
  const boxSize = Math.min(b.readUInt32BE(0), b.length);
  if (boxSize < 16) return undefined;
  // The major brand, then the compatible brands; a specific codec brand beats the generic mif1/msf1.
  const brands = [b.subarray(8, 12).toString("latin1")];
  for (let at = 16; at + 4 <= boxSize; at += 4) brands.push(b.subarray(at, at + 4).toString("latin1"));
  const known = brands.filter((brand) => brand in HEIF_BRANDS);
  const specific = known.find((brand) => brand !== "mif1" && brand !== "msf1");
  return HEIF_BRANDS[specific ?? known[0]];
}

function startsWith(b: Buffer, sig: number[]): boolean {
  return b.length >= sig.length && sig.every((v, i) => b[i] === v);
}

const OFFICE: [prefix: string, type: string][] = [
  ["word/", "application/vnd.openxmlformats-officedocument.wordprocessingml.document"],
  ["xl/", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"],
  ["ppt/", "application/vnd.openxmlformats-officedocument.presentationml.presentation"],
];

/** OOXML files are ZIPs whose entry names give the application away; walk the local headers. */
function zipFlavour(b: Buffer): string {
  let offset = 0;
  while (offset + 30 <= b.length && b.readUInt32LE(offset) === 0x04034b50) {
    const flags = b.readUInt16LE(offset + 6);
    const compressed = b.readUInt32LE(offset + 18);
    const nameLength = b.readUInt16LE(offset + 26);
    const extraLength = b.readUInt16LE(offset + 28);
    const name = b.subarray(offset + 30, offset + 30 + nameLength).toString("utf8");
    const match = OFFICE.find(([prefix]) => name.startsWith(prefix));
    if (match) return match[1];
    const dataStart = offset + 30 + nameLength + extraLength;
    // With a data descriptor (flag bit 3) the size is unknown here: look for the next header.
    offset = flags & 0x08 ? b.indexOf("PK\x03\x04", dataStart, "latin1") : dataStart + compressed;
    if (offset < 0) break;
  }
  return "application/zip";
}

/** UTF-8 text without NULs or binary control characters, or undefined. A cut final character is fine. */
function decodeText(b: Buffer, complete: boolean): string | undefined {
  if (b.length === 0) return undefined;
  let body = startsWith(b, [0xef, 0xbb, 0xbf]) ? b.subarray(3) : b;
  if (!complete) body = body.subarray(0, lastCompleteCharEnd(body));
  let text: string;
  try {
    text = new TextDecoder("utf-8", { fatal: true }).decode(body);
  } catch {
    return undefined;
  }
  // Tab, LF, FF, CR are text; other C0 controls mean binary.
  if (/[\x00-\x08\x0b\x0e-\x1f\x7f]/.test(text)) return undefined;
  return text;
}

function lastCompleteCharEnd(b: Buffer): number {
  // Step back over at most 3 continuation bytes to the start of the last character.
  for (let i = b.length - 1, seen = 0; i >= 0 && seen < 4; i--, seen++) {
    const byte = b[i];
    if ((byte & 0xc0) === 0x80) continue;
    const need = byte >= 0xf0 ? 4 : byte >= 0xe0 ? 3 : byte >= 0xc0 ? 2 : 1;
    return b.length - i >= need ? b.length : i;
  }
  return b.length;
}

function textFlavour(text: string, complete: boolean): string {
  const trimmed = text.trim();
  if (/^[{[]/.test(trimmed)) {
    if (!complete) return "application/json";
    try {
      JSON.parse(trimmed);
      return "application/json";
    } catch {
      // Falls through: text that merely starts with a brace.
    }
  }
  return looksLikeCsv(text, complete) ? "text/csv" : "text/plain";
}

/** At least two lines, every line split into the same number (>1) of fields by one delimiter. */
function looksLikeCsv(text: string, complete: boolean): boolean {
  let lines = text.split(/\r?\n/);
  if (!complete) lines = lines.slice(0, -1);
  lines = lines.filter((l) => l.trim() !== "").slice(0, 20);
  if (lines.length < 2) return false;
  return [",", ";", "\t"].some((d) => {
    const counts = lines.map((l) => countFields(l, d));
    return counts[0] > 1 && counts.every((c) => c === counts[0]);
  });
}

function countFields(line: string, delimiter: string): number {
  let fields = 1;
  let quoted = false;
  for (const ch of line) {
    if (ch === '"') quoted = !quoted;
    else if (ch === delimiter && !quoted) fields++;
  }
  return fields;
}
