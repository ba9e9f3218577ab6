import { concatTransformationMatrix, degrees, PDFDocument, type PDFFont, type PDFPage, popGraphicsState, pushGraphicsState, rgb, StandardFonts } from "pdf-lib";

/**
 * Test PDFs with tables whose cells are known: ruled (lattice) or unruled (stream), with
 * spanning cells, multi-line cells, titles and footnotes, continued on the next page, on rotated
 * pages. Coordinates are top-left based; pdf-lib's bottom-left origin is handled here.
 */
export type TableSpec = {
  x: number;
  y: number;
  colWidths: number[];
  rowHeight: number;
  rows: (string | null)[][];
  ruled: boolean;
  /** [row, col, rowSpan, colSpan] merged cells (ruled tables: the inner rules are left out). */
  spans?: [number, number, number, number][];
  fontSize?: number;
};

/** `rotate: 90`: a landscape page stored portrait with /Rotate 90, its content drawn so it reads upright. */
export type PageSpec = {
  tables: TableSpec[];
  texts?: { x: number; y: number; text: string; size?: number }[];
  rotate?: 0 | 90;
  /** With `rotate: 90`: leave /Rotate out, so the page shows its content turned (a landscape table printed sideways). */
  turnedContentOnly?: true;
  width?: number;
  height?: number;
};

export async function tablePdf(pages: PageSpec[]): Promise<Uint8Array> {
  const doc = await PDFDocument.create();
  const font = await doc.embedFont(StandardFonts.Helvetica);
  for (const spec of pages) {
    const [w, h] = [spec.width ?? 612, spec.height ?? 792];
    const page = doc.addPage([w, h]);
    // Upright after a 90 degree clockwise turn: draw in the displayed (h x w) space mapped onto the stored page.
    const H = spec.rotate === 90 ? w : h;
    if (spec.rotate === 90) page.pushOperators(pushGraphicsState(), concatTransformationMatrix(0, 1, -1, 0, w, 0));
    for (const t of spec.texts ?? []) page.drawText(t.text, { x: t.x, y: H - t.y - (t.size ?? 10), size: t.size ?? 10, font });
    for (const table of spec.tables) drawTable(page, font, table, H);
    if (spec.rotate === 90) {
      page.pushOperators(popGraphicsState());
      if (!spec.turnedContentOnly) page.setRotation(degrees(90));
    }
  }
  return doc.save();
}

function drawTable(page: PDFPage, font: PDFFont, t: TableSpec, H: number): void {
  const size = t.fontSize ?? 9;
  const xs = t.colWidths.reduce<number[]>((acc, w) => [...acc, acc[acc.length - 1] + w], [t.x]);
  const ys = t.rows.map((_, r) => t.y + r * t.rowHeight).concat(t.y + t.rows.length * t.rowHeight);
  const covered = new Set<string>();
  for (const [r0, c0, rs, cs] of t.spans ?? []) for (let r = r0; r < r0 + rs; r++) for (let c = c0; c < c0 + cs; c++) if (r !== r0 || c !== c0) covered.add(`${r},${c}`);
  const spanOf = (r: number, c: number) => (t.spans ?? []).find(([r0, c0]) => r0 === r && c0 === c);
  if (t.ruled) {
    const line = (x1: number, y1: number, x2: number, y2: number) =>
      page.drawLine({ start: { x: x1, y: H - y1 }, end: { x: x2, y: H - y2 }, thickness: 0.8, color: rgb(0, 0, 0) });
    // Each cell's own edges, skipping edges inside a span.
    for (let r = 0; r < t.rows.length; r++) {
      for (let c = 0; c < t.colWidths.length; c++) {
        if (covered.has(`${r},${c}`)) continue;
        const [, , rs, cs] = spanOf(r, c) ?? [r, c, 1, 1];
        const [x0, x1, y0, y1] = [xs[c], xs[c + cs], ys[r], ys[r + rs]];
        line(x0, y0, x1, y0);
        line(x0, y1, x1, y1);
        line(x0, y0, x0, y1);
        line(x1, y0, x1, y1);
      }
    }
  }
  t.rows.forEach((row, r) =>
    row.forEach((text, c) => {
      if (!text || covered.has(`${r},${c}`)) return;
      text.split("\n").forEach((part, k) =>
        page.drawText(part, { x: xs[c] + 3, y: H - ys[r] - 3 - size - k * (size + 2), size, font }),
      );
    }),
  );
}
