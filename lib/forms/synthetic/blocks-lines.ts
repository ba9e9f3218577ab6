import { type Block, splitWidth, underscoreDepth, width } from "./block";
import { lineFieldHeight, signatureFieldHeight } from "./sheet";
import { labelText } from "./style";
import { MULTILINE_LABELS, TEXT_LABELS } from "./vocabulary";

const MIN_FIELD = 36;

/**
 * A row of 1-4 text fields drawn as underlines: label left of a rule, label left of a run of
 * underscores, or a caption under the rule. Truth: one text line above the rule, over its extent.
 */
export const underlineRowBlock: Block = ({ rng, style }, w) => {
  const size = style.size;
  const kind = rng.weighted([["line", 5], ["underscores", 2], ["caption", 2]] as const);
  const n = rng.weighted([[1, 3], [2, 4], [3, 2], [4, kind === "caption" ? 2 : 0.5]] as const);
  const gap = rng.float(8, 24);
  const widths = splitWidth(rng, w, n, gap);
  const labels = widths.map(() => rng.pick(TEXT_LABELS));
  const h = lineFieldHeight(size);
  const captionSize = size * rng.float(0.7, 0.85);
  const fits = labels.every((l, i) => width(style.font, labelText(style, l), size) + MIN_FIELD + 4 <= widths[i]);
  if (kind !== "caption" && !fits) return null;
  const dash = style.dashedLines ? [rng.pick([1, 2]), rng.pick([1.5, 2])] : undefined;
  const lineDrop = rng.float(0, 2.5);
  const height = h + 3 + (kind === "caption" ? captionSize * 1.3 : 0) + size * style.rowGap;
  return {
    height,
    draw(sheet, x, y) {
      const baseline = y + h;
      let cx = x;
      widths.forEach((fw, i) => {
        const label = labels[i];
        if (kind === "caption") {
          const lineY = baseline + 1;
          sheet.line(cx, lineY, cx + fw, lineY, { width: style.lineWidth, color: style.lineColor, dash });
          sheet.text(label, cx + 1, lineY + captionSize * 1.1, style.font, captionSize, style.ink);
          sheet.field("text", { x: cx, y: lineY - h, width: fw, height: h }, { label });
        } else {
          const printed = labelText(style, label);
          sheet.text(printed, cx, baseline, style.font, size, style.ink);
          const start = cx + width(style.font, printed, size) + rng.float(2, 6);
          if (kind === "line") {
            const lineY = baseline + lineDrop;
            sheet.line(start, lineY, cx + fw, lineY, { width: style.lineWidth, color: style.lineColor, dash });
            sheet.field("text", { x: start, y: lineY - h, width: cx + fw - start, height: h }, { label });
          } else {
            const us = width(style.font, "_", size);
            const count = Math.floor((cx + fw - start) / us);
            sheet.text("_".repeat(count), start, baseline, style.font, size, style.ink);
            const bottom = baseline + underscoreDepth(style.font) * size;
            sheet.field("text", { x: start, y: bottom - h, width: count * us, height: h }, { label });
          }
        }
        cx += fw + gap;
      });
    },
  };
};

/** Signature line (type signature) with its X mark, usually followed by a date line (text). */
export const signatureRowBlock: Block = ({ rng, style }, w) => {
  const size = style.size;
  const caption = rng.chance(0.5);
  const sigLabel = rng.pick(["Signature", "Applicant signature", "Signature of applicant", "Authorized signature", "Employee signature", "Parent/Guardian signature"]);
  const withDate = rng.chance(0.8);
  const sigH = signatureFieldHeight(size);
  const lineH = lineFieldHeight(size);
  const sigWidth = w * (withDate ? rng.float(0.5, 0.65) : rng.float(0.5, 0.9));
  const height = sigH + 4 + (caption ? size * 1.4 : 0) + size * style.rowGap;
  // Every signature line marks where the pen goes, as forms that want a signature field do (the
  // pipeline types an unmarked signature line as text: lib/forms/classify); the draw picks its case.
  const capitalMark = rng.chance(0.25);
  return {
    height,
    draw(sheet, x, y) {
      const lineY = y + sigH + 1;
      let start = x;
      if (!caption) {
        const printed = labelText(style, sigLabel);
        sheet.text(printed, x, lineY, style.font, size, style.ink);
        start = x + width(style.font, printed, size) + 4;
      }
      const end = x + sigWidth;
      sheet.line(start, lineY, end, lineY, { width: style.lineWidth, color: style.lineColor });
      // Bold and larger than the label, as forms print it (at the label's size it would read as
      // the label's last word, and the label would sit on the rule).
      sheet.text(capitalMark ? "X" : "x", start + 2, lineY - 2, style.bold, size * 1.2, style.ink);
      if (caption) sheet.text(sigLabel, start, lineY + size * 1.15, style.font, size * 0.85, style.ink);
      sheet.field("signature", { x: start, y: lineY - sigH, width: end - start, height: sigH }, { label: sigLabel });
      if (!withDate) return;
      let dx = end + rng.float(12, 30);
      const dateEnd = x + w;
      if (!caption) {
        const printed = labelText(style, "Date");
        sheet.text(printed, dx, lineY, style.font, size, style.ink);
        dx += width(style.font, printed, size) + 4;
      }
      if (dateEnd - dx < MIN_FIELD) return;
      sheet.line(dx, lineY, dateEnd, lineY, { width: style.lineWidth, color: style.lineColor });
      if (caption) sheet.text("Date", dx, lineY + size * 1.15, style.font, size * 0.85, style.ink);
      sheet.field("text", { x: dx, y: lineY - lineH, width: dateEnd - dx, height: lineH }, { label: "Date" });
    },
  };
};

/** "Comments:" followed by several ruled lines; each line is its own text field. */
export const ruledLinesBlock: Block = ({ rng, style }, w) => {
  const size = style.size;
  const label = rng.pick(MULTILINE_LABELS);
  const count = rng.int(2, 5);
  const h = lineFieldHeight(size);
  const pitch = h + rng.float(3, 8);
  const height = count * pitch + size * style.rowGap;
  return {
    height,
    draw(sheet, x, y) {
      const printed = labelText(style, label);
      const first = x + width(style.font, printed, size) + 4;
      sheet.text(printed, x, y + h, style.font, size, style.ink);
      for (let i = 0; i < count; i++) {
        const lineY = y + h + 1 + i * pitch;
        const start = i === 0 ? first : x;
        sheet.line(start, lineY, x + w, lineY, { width: style.lineWidth, color: style.lineColor });
        sheet.field("text", { x: start, y: lineY - h, width: x + w - start, height: h }, { label: i === 0 ? label : `${label} (line ${i + 1})` });
      }
    },
  };
};
