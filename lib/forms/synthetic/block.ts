import type { PDFFont } from "pdf-lib";
import type { Rng } from "./random";
import type { Sheet } from "./sheet";
import type { FormStyle } from "./style";

export type BlockContext = { rng: Rng; style: FormStyle };

/** A measured piece of layout: the flow places it at (x, y) on a sheet once it knows it fits. */
export type Planned = { height: number; draw(sheet: Sheet, x: number, y: number): void };

export type Block = (ctx: BlockContext, width: number) => Planned | null;

export const width = (font: PDFFont, text: string, size: number) => font.widthOfTextAtSize(text, size);

/** Greedy word wrap. */
export function wrap(font: PDFFont, text: string, size: number, maxWidth: number): string[] {
  const lines: string[] = [];
  let current = "";
  for (const word of text.split(/\s+/).filter(Boolean)) {
    const next = current ? `${current} ${word}` : word;
    if (current && width(font, next, size) > maxWidth) {
      lines.push(current);
      current = word;
    } else current = next;
  }
  if (current) lines.push(current);
  return lines;
}

export function sentence(rng: Rng, words: readonly string[], min: number, max: number): string {
  const n = rng.int(min, max);
  const start = rng.int(0, words.length - 1);
  const out: string[] = [];
  for (let i = 0; i < n; i++) out.push(words[(start + i * rng.int(1, 3)) % words.length]);
  const text = out.join(" ");
  return text.charAt(0).toUpperCase() + text.slice(1) + ".";
}

/** Splits `total` into `n` parts with `gap` between them and random proportions. */
export function splitWidth(rng: Rng, total: number, n: number, gap: number): number[] {
  const weights = Array.from({ length: n }, () => rng.float(0.6, 1.4));
  const sum = weights.reduce((a, b) => a + b, 0);
  const free = total - gap * (n - 1);
  return weights.map((w) => (free * w) / sum);
}

/** Vertical offset below the baseline of the middle of an underscore glyph, in ems. */
export function underscoreDepth(font: PDFFont): number {
  return font.name.startsWith("Helvetica") ? 0.167 : 0.1;
}
