import type { Box } from "../types";
import { type Block, splitWidth, width } from "./block";
import type { Sheet } from "./sheet";
import type { FormStyle } from "./style";
import { COMB_LABELS, MULTILINE_LABELS, TEXT_LABELS } from "./vocabulary";

/** Truth of a bordered box: the area inside its stroke. */
function inner(box: Box, stroke: number): Box {
  const s = stroke / 2;
  return { x: box.x + s, y: box.y + s, width: box.width - 2 * s, height: box.height - 2 * s };
}

function drawEntryBox(sheet: Sheet, style: FormStyle, box: Box, borderless: boolean): void {
  if (borderless) sheet.rect(box, { fill: style.fieldFill });
  else sheet.rect(box, { border: style.lineColor, borderWidth: style.lineWidth, fill: style.fieldFill });
}

/** Labels above entry boxes, 1-4 in a row. */
export const boxesRowBlock: Block = ({ rng, style }, w) => {
  const size = style.size;
  const n = rng.weighted([[1, 2], [2, 4], [3, 3], [4, 1.5]] as const);
  const gap = rng.float(6, 20);
  const widths = splitWidth(rng, w, n, gap);
  const labels = widths.map(() => rng.pick(TEXT_LABELS));
  if (labels.some((l, i) => width(style.font, l, size * 0.9) > widths[i])) return null;
  const boxH = rng.float(14, 26);
  const borderless = !!style.fieldFill && rng.chance(0.4);
  const labelSize = size * rng.float(0.8, 1);
  const height = labelSize * 1.3 + boxH + size * style.rowGap;
  return {
    height,
    draw(sheet, x, y) {
      let cx = x;
      widths.forEach((bw, i) => {
        sheet.text(labels[i], cx, y + labelSize, style.font, labelSize, style.ink);
        const box = { x: cx, y: y + labelSize * 1.3, width: bw, height: boxH };
        drawEntryBox(sheet, style, box, borderless);
        sheet.field("text", borderless ? box : inner(box, style.lineWidth), { label: labels[i] });
        cx += bw + gap;
      });
    },
  };
};

/**
 * Government-style grid: adjacent cells sharing borders, each with a small caption in its top-left
 * corner. Truth: the blank part of the cell under the caption.
 */
export const captionGridBlock: Block = ({ rng, style }, w) => {
  const rows = rng.int(1, 3);
  const capSize = Math.max(6, style.size * rng.float(0.65, 0.8));
  const cellH = rng.float(22, 32);
  const layout = Array.from({ length: rows }, () => {
    const n = rng.int(1, 4);
    return splitWidth(rng, w, n, 0).map((cw) => ({ cw, label: rng.pick(TEXT_LABELS) }));
  });
  const numbered = rng.chance(0.4);
  return {
    height: rows * cellH + style.size * style.rowGap,
    draw(sheet, x, y) {
      let k = 1;
      layout.forEach((row, r) => {
        let cx = x;
        const cy = y + r * cellH;
        for (const { cw, label } of row) {
          const cell = { x: cx, y: cy, width: cw, height: cellH };
          sheet.rect(cell, { border: style.lineColor, borderWidth: style.lineWidth });
          const caption = numbered ? `${k++} ${label}` : label;
          sheet.text(caption, cx + 2, cy + capSize + 1.5, style.font, capSize, style.ink);
          const top = cy + capSize * 1.45 + 1;
          const s = style.lineWidth / 2;
          sheet.field("text", { x: cx + s, y: top, width: cw - 2 * s, height: cy + cellH - s - top }, { label });
          cx += cw;
        }
      });
    },
  };
};

/** A tall box for free text (multiline), label above or inside a header strip. */
export const multilineBoxBlock: Block = ({ rng, style }, w) => {
  const size = style.size;
  const label = rng.pick(MULTILINE_LABELS);
  const boxH = rng.float(38, 110);
  const boxW = rng.chance(0.8) ? w : w * rng.float(0.5, 0.9);
  const height = size * 1.4 + boxH + size * style.rowGap;
  return {
    height,
    draw(sheet, x, y) {
      sheet.text(style.colon ? `${label}:` : label, x, y + size, style.font, size, style.ink);
      const box = { x, y: y + size * 1.4, width: boxW, height: boxH };
      drawEntryBox(sheet, style, box, false);
      sheet.field("text", inner(box, style.lineWidth), { label, multiline: true });
    },
  };
};

function combGroups(label: string, rngInt: (a: number, b: number) => number): number[] {
  if (/MM\/DD\/YYYY|DD MM YYYY/.test(label)) return [2, 2, 4];
  if (/Social Security/.test(label)) return [3, 2, 4];
  if (/Phone/.test(label)) return [3, 3, 4];
  if (/ZIP|Postal/.test(label)) return [5];
  if (/PIN/.test(label)) return [4];
  if (/Card/.test(label)) return [4, 4, 4, 4];
  return [rngInt(6, 12)];
}

/** Comb fields: one box per character, split into groups (date parts, SSN parts). */
export const combBlock: Block = ({ rng, style }, w) => {
  const size = style.size;
  const label = rng.pick(COMB_LABELS);
  const groups = rng.chance(0.3) ? [groups1(rng.int(6, 14))] : combGroups(label, rng.int);
  const cell = rng.float(10, 17);
  const cellH = cell * rng.float(1.05, 1.5);
  const sep = rng.float(8, 14);
  const above = rng.chance(0.4);
  const labelW = above ? 0 : width(style.font, label, size) + 6;
  const total = groups.reduce((s, g) => s + g * cell, 0) + sep * (groups.length - 1);
  if (labelW + total > w) return null;
  const ticks = rng.chance(0.35);
  const height = (above ? size * 1.4 : 0) + cellH + size * style.rowGap;
  return {
    height,
    draw(sheet, x, y) {
      const top = y + (above ? size * 1.4 : 0);
      sheet.text(label, x, above ? y + size : top + cellH / 2 + size * 0.35, style.font, size, style.ink);
      let cx = x + labelW;
      groups.forEach((g, gi) => {
        const box = { x: cx, y: top, width: g * cell, height: cellH };
        if (ticks) {
          sheet.line(box.x, top + cellH, box.x + box.width, top + cellH, { width: style.lineWidth, color: style.lineColor });
          for (let i = 0; i <= g; i++) sheet.line(cx + i * cell, top + cellH * 0.55, cx + i * cell, top + cellH, { width: style.lineWidth, color: style.lineColor });
        } else {
          sheet.rect(box, { border: style.lineColor, borderWidth: style.lineWidth, fill: style.fieldFill });
          for (let i = 1; i < g; i++) sheet.line(cx + i * cell, top, cx + i * cell, top + cellH, { width: style.lineWidth * 0.8, color: style.lineColor });
        }
        sheet.field("text", ticks ? box : inner(box, style.lineWidth), { label: groups.length > 1 ? `${label} (${gi + 1})` : label, comb: g });
        cx += g * cell;
        if (gi < groups.length - 1) {
          const mark = /Social|Phone/.test(label) ? "-" : "/";
          sheet.text(mark, cx + sep / 2 - width(style.font, mark, size) / 2, top + cellH * 0.5 + size * 0.35, style.font, size, style.ink);
          cx += sep;
        }
      });
    },
  };
};

const groups1 = (n: number) => n;
