import { Readable } from "node:stream";
import zlib from "node:zlib";
import { PDFDocument, PDFName } from "pdf-lib";

/**
 * Hostile PDFs for tests and bench/fairness: small files that cost a reader far more than their
 * size. They reproduce issue 7's attack; the bounds (./bounds.ts) must refuse both at upload.
 */

/**
 * One page holding `operations` path operators (moveto/lineto pairs, stroked every 1,000), about
 * 131 KB for 3 million: pdf.js spends minutes and gigabytes building its operator list.
 */
export async function pathBombPdf(operations = 3_000_000): Promise<Uint8Array> {
  const lines: string[] = [];
  for (let i = 0; i < operations / 2; i++) {
    // Coordinates repeat every 1,000 lines, within Deflate's window: the file stays small.
    const j = i % 1000;
    lines.push(`${(j * 7) % 600} ${(j * 13) % 780} m ${(j * 11) % 600} ${(j * 17) % 780} l`);
    if (i % 500 === 499) lines.push("S");
  }
  lines.push("S");
  const content = zlib.deflateSync(Buffer.from(lines.join("\n")), { level: 9 });
  return onePage(content, {});
}

/**
 * One page drawing a `width` x `height` grayscale image whose Flate data inflates to
 * width x height bytes (400 MB by default) from about 400 KB: a decompression bomb.
 */
export async function inflateBombPdf(width = 20_000, height = 20_000): Promise<Uint8Array> {
  const deflated = await deflateZeros(width * height);
  const doc = await PDFDocument.create();
  const image = doc.context.register(
    doc.context.stream(deflated, {
      Type: "XObject",
      Subtype: "Image",
      Width: width,
      Height: height,
      ColorSpace: "DeviceGray",
      BitsPerComponent: 8,
      Filter: "FlateDecode",
    }),
  );
  const content = zlib.deflateSync(Buffer.from("q 612 0 0 792 0 0 cm /Im0 Do Q"));
  return onePage(content, { XObject: { Im0: image } }, doc);
}

async function onePage(deflatedContent: Uint8Array, resources: Record<string, unknown>, doc?: PDFDocument): Promise<Uint8Array> {
  const pdf = doc ?? (await PDFDocument.create());
  const page = pdf.addPage([612, 792]);
  const stream = pdf.context.register(pdf.context.stream(deflatedContent, { Filter: "FlateDecode" }));
  page.node.set(PDFName.of("Contents"), stream);
  page.node.set(PDFName.of("Resources"), pdf.context.obj(resources as never));
  return pdf.save({ useObjectStreams: false });
}

/** `size` zero bytes deflated at level 9, streamed so the zeros never sit in memory at once. */
async function deflateZeros(size: number): Promise<Uint8Array> {
  const chunk = Buffer.alloc(1 << 20);
  let left = size;
  const source = new Readable({
    read() {
      if (left <= 0) return this.push(null);
      const n = Math.min(left, chunk.length);
      left -= n;
      this.push(n === chunk.length ? chunk : chunk.subarray(0, n));
    },
  });
  const parts: Buffer[] = [];
  for await (const part of source.pipe(zlib.createDeflate({ level: 9 }))) parts.push(part as Buffer);
  return Buffer.concat(parts);
}
