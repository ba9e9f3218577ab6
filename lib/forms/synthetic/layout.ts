import type { PDFDocument } from "pdf-lib";
import type { PageSize, TruthField } from "../types";
import type { Block, BlockContext, Planned } from "./block";
import { boxesRowBlock, captionGridBlock, combBlock, multilineBoxBlock } from "./blocks-boxes";
import { checkboxGroupBlock, consentBlock, yesNoTableBlock } from "./blocks-choices";
import { ruledLinesBlock, signatureRowBlock, underlineRowBlock } from "./blocks-lines";
import { tableBlock } from "./blocks-table";
import { headingBlock, noticeBlock, paragraphBlock, ruleBlock, titleBlock } from "./blocks-text";
import { Sheet } from "./sheet";

/** Two columns of small blocks, sometimes split by a vertical rule (which is not a field). */
const twoColumnBlock: Block = (ctx, w) => {
  const { rng, style } = ctx;
  const gutter = rng.float(14, 32);
  const colW = (w - gutter) / 2;
  const pool: Block[] = [underlineRowBlock, boxesRowBlock, checkboxGroupBlock, combBlock, consentBlock, paragraphBlock];
  const columns = [0, 1].map(() => {
    const items: Planned[] = [];
    for (let i = rng.int(2, 5); i > 0; i--) {
      const planned = rng.pick(pool)(ctx, colW);
      if (planned) items.push(planned);
    }
    return items;
  });
  const heights = columns.map((c) => c.reduce((s, p) => s + p.height, 0));
  const separator = rng.chance(0.3);
  return {
    height: Math.max(...heights),
    draw(sheet, x, y) {
      columns.forEach((items, c) => {
        let cy = y;
        for (const item of items) {
          item.draw(sheet, x + c * (colW + gutter), cy);
          cy += item.height;
        }
      });
      if (separator) sheet.line(x + colW + gutter / 2, y, x + colW + gutter / 2, y + Math.max(...heights) - 4, { width: 0.5, color: style.lineColor });
    },
  };
};

const BODY: readonly (readonly [Block, number])[] = [
  [underlineRowBlock, 6],
  [boxesRowBlock, 3],
  [captionGridBlock, 1.5],
  [multilineBoxBlock, 1],
  [combBlock, 1.5],
  [checkboxGroupBlock, 3],
  [consentBlock, 1],
  [yesNoTableBlock, 1],
  [tableBlock, 1.5],
  [signatureRowBlock, 0.6],
  [ruledLinesBlock, 1],
  [paragraphBlock, 1.5],
  [headingBlock, 1.8],
  [noticeBlock, 0.5],
  [ruleBlock, 0.5],
  [twoColumnBlock, 1.5],
];

/** Flows randomly chosen blocks down `pageCount` pages of `size`, recording truth as it draws. */
export function layoutForm(doc: PDFDocument, ctx: BlockContext, size: PageSize, pageCount: number, truth: TruthField[]): void {
  const { rng, style } = ctx;
  // Each form leans towards a few layouts, as real forms do.
  const weights = BODY.map(([block, w]) => [block, w * rng.float(0.2, 2)] as const);
  const margin = { x: rng.float(30, 72), top: rng.float(30, 72), bottom: rng.float(36, 72) };
  const border = rng.chance(0.15);
  const footer = rng.chance(0.5);
  const content = size.width - 2 * margin.x;
  for (let index = 0; index < pageCount; index++) {
    const sheet = new Sheet(doc.addPage([size.width, size.height]), index, size, truth);
    const bottom = size.height - margin.bottom - (footer ? 18 : 0);
    const target = margin.top + (bottom - margin.top) * rng.float(0.65, 1);
    let y = margin.top;
    const place = (planned: Planned | null, limit = bottom): boolean => {
      if (!planned || y + planned.height > limit) return false;
      planned.draw(sheet, margin.x, y);
      y += planned.height;
      return true;
    };
    if (index === 0) {
      place(titleBlock(ctx, content));
      if (rng.chance(0.6)) place(paragraphBlock(ctx, content));
    }
    for (let misses = 0; misses < 6 && y < target; ) {
      const block = rng.weighted(weights);
      if (!place(block(ctx, content), target + 40)) misses++;
    }
    if (index === pageCount - 1 && rng.chance(0.7)) place(signatureRowBlock(ctx, content), size.height - margin.bottom);
    if (border) {
      const pad = rng.float(6, 14);
      sheet.rect(
        { x: margin.x - pad, y: margin.top - pad, width: content + 2 * pad, height: size.height - margin.top - margin.bottom + 2 * pad },
        { border: style.lineColor, borderWidth: rng.pick([0.75, 1.5, 2]) },
      );
    }
    if (footer) {
      const fy = size.height - margin.bottom;
      const fs = style.size * 0.75;
      if (rng.chance(0.6)) sheet.line(margin.x, fy - fs * 1.5, margin.x + content, fy - fs * 1.5, { width: 0.5, color: style.lineColor });
      const text = `Page ${index + 1} of ${pageCount}`;
      sheet.text(text, margin.x + content - style.font.widthOfTextAtSize(text, fs), fy, style.font, fs, style.ink);
    }
  }
}
