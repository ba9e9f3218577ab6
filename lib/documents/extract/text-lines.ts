import type { Chunk, Glyph, Rect, TextLine } from "./types";

const median = (values: number[]) => {
  if (values.length === 0) return 0;
  const s = [...values].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
};

/**
 * Groups visible glyphs into lines (overlapping vertically by more than half the smaller height)
 * and each line into chunks at gaps wider than `gapFactor` times the font size: a gap that wide
 * is a column gap, not a space between words.
 */
export function textLines(glyphs: Glyph[], gapFactor = 0.9): TextLine[] {
  const visible = glyphs.filter((g) => !g.invisible && g.c.trim() !== "" && g.x1 > g.x0);
  const sorted = [...visible].sort((a, b) => (a.top + a.bottom) / 2 - (b.top + b.bottom) / 2);
  const lines: Glyph[][] = [];
  for (const g of sorted) {
    const line = lines[lines.length - 1];
    if (line) {
      const top = Math.max(...line.map((x) => x.top));
      const bottom = Math.min(...line.map((x) => x.bottom));
      const overlap = Math.min(bottom, g.bottom) - Math.max(top, g.top);
      const h = Math.min(g.bottom - g.top, bottom - top);
      if (overlap > h * 0.5 || Math.abs((g.top + g.bottom) / 2 - (top + bottom) / 2) < h * 0.3) {
        line.push(g);
        continue;
      }
    }
    lines.push([g]);
  }
  return lines.map((line) => toLine(line.sort((a, b) => a.x0 - b.x0), gapFactor));
}

function toLine(glyphs: Glyph[], gapFactor: number): TextLine {
  const chunks: Chunk[] = [];
  let run: Glyph[] = [];
  const flush = () => {
    if (run.length) chunks.push(toChunk(run));
    run = [];
  };
  for (const g of glyphs) {
    const prev = run[run.length - 1];
    if (prev && g.x0 - prev.x1 > Math.max(prev.size, g.size) * gapFactor) flush();
    run.push(g);
  }
  flush();
  return { ...bounds(chunks), chunks, size: median(glyphs.map((g) => g.size)) };
}

/** A chunk's text: glyphs joined, with a space where the gap between two is wider than a fifth of the size. */
function toChunk(glyphs: Glyph[]): Chunk {
  let text = "";
  for (let i = 0; i < glyphs.length; i++) {
    const g = glyphs[i];
    if (i > 0 && g.x0 - glyphs[i - 1].x1 > g.size * 0.2 && !text.endsWith(" ")) text += " ";
    text += g.c;
  }
  const box = bounds(glyphs.map((g) => ({ x0: g.x0, x1: g.x1, y0: g.top, y1: g.bottom })));
  return { ...box, text: text.replace(/\s+/g, " ").trim(), size: median(glyphs.map((g) => g.size)) };
}

export function bounds(rects: Rect[]): Rect {
  return {
    x0: Math.min(...rects.map((r) => r.x0)),
    y0: Math.min(...rects.map((r) => r.y0)),
    x1: Math.max(...rects.map((r) => r.x1)),
    y1: Math.max(...rects.map((r) => r.y1)),
  };
}

/** Text of the glyphs inside a rectangle (by their centre), lines joined with "\n". */
export function textIn(lines: TextLine[], r: Rect): string {
  const out: string[] = [];
  for (const line of lines) {
    const parts = line.chunks.filter((c) => inside(c, r)).map((c) => c.text);
    if (parts.length) out.push(parts.join(" "));
  }
  return out.join("\n");
}

const inside = (c: Rect, r: Rect) => {
  const cx = (c.x0 + c.x1) / 2;
  const cy = (c.y0 + c.y1) / 2;
  return cx >= r.x0 && cx <= r.x1 && cy >= r.y0 && cy <= r.y1;
};
