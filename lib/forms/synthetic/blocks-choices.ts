import { type Block, width, wrap } from "./block";
import { drawCheckbox, pickLook } from "./checkbox";
import { labelText } from "./style";
import { CHECK_QUESTIONS, CONSENT_STATEMENTS } from "./vocabulary";

/** A question with its options: inline after the question, on the next line, or stacked. */
export const checkboxGroupBlock: Block = ({ rng, style }, w) => {
  const size = style.size;
  const [question, options] = rng.pick(CHECK_QUESTIONS);
  const look = pickLook(rng, style);
  const s = style.checkboxSize;
  const after = rng.chance(0.15);
  const spacing = rng.float(10, 22);
  const q = labelText(style, question);
  const qw = width(style.font, q, size) + 10;
  const optWidths = options.map((o) => s + 4 + width(style.font, o, size));
  const inlineW = optWidths.reduce((a, b) => a + b + spacing, 0);
  const layout = rng.chance(0.25) ? "stacked" : qw + inlineW <= w ? rng.pick(["inline", "inline", "below"] as const) : inlineW <= w ? "below" : "stacked";
  const pitch = Math.max(s, size) * rng.float(1.4, 1.9);
  const rows = layout === "inline" ? 1 : layout === "below" ? 2 : 1 + options.length;
  return {
    height: rows * pitch + size * style.rowGap * 0.6,
    draw(sheet, x, y) {
      const lineMid = (row: number) => y + row * pitch + pitch / 2;
      sheet.text(q, x, lineMid(0) + size * 0.35, style.font, size, style.ink);
      let cx = layout === "inline" ? x + qw : x + (layout === "stacked" ? rng.float(0, 14) : 0);
      options.forEach((option, i) => {
        const row = layout === "inline" ? 0 : layout === "below" ? 1 : 1 + i;
        const mid = lineMid(row);
        const tw = width(style.font, option, size);
        const boxX = after ? cx + tw + 4 : cx;
        const textX = after ? cx : cx + s + 4;
        drawCheckbox(sheet, style, look, boxX, mid - s / 2, s, { label: option, group: question });
        sheet.text(option, textX, mid + size * 0.35, style.font, size, style.ink);
        if (layout !== "stacked") cx += optWidths[i] + spacing;
      });
    },
  };
};

/** One checkbox followed by a statement ("I agree ..."), wrapped. */
export const consentBlock: Block = ({ rng, style }, w) => {
  const size = style.size;
  const s = style.checkboxSize;
  const statement = rng.pick(CONSENT_STATEMENTS) + (rng.chance(0.5) ? "." : "");
  const lines = wrap(style.font, statement, size, w - s - 8);
  const leading = size * 1.3;
  return {
    height: Math.max(s, lines.length * leading) + size * style.rowGap,
    draw(sheet, x, y) {
      drawCheckbox(sheet, style, pickLook(rng, style), x, y, s, { label: statement });
      lines.forEach((line, i) => sheet.text(line, x + s + 6, y + s / 2 + size * 0.35 + i * leading, style.font, size, style.ink));
    },
  };
};

/** Questionnaire rows: a question on the left, Yes / No checkboxes in columns on the right. */
export const yesNoTableBlock: Block = ({ rng, style }, w) => {
  const size = style.size;
  const s = style.checkboxSize;
  const n = rng.int(2, 6);
  const colW = Math.max(32, width(style.font, "Yes", size) + s + 10);
  const textW = w - 2 * colW - 8;
  const questions = Array.from({ length: n }, (_, i) => `${i + 1}. ${rng.pick(CHECK_QUESTIONS)[0]}`);
  if (questions.some((q) => width(style.font, q, size) > textW)) return null;
  const pitch = Math.max(s, size) * rng.float(1.5, 2);
  const look = pickLook(rng, style);
  const boxFirst = rng.chance(0.6);
  const header = rng.chance(0.5);
  return {
    height: (n + (header ? 1 : 0)) * pitch + size * style.rowGap,
    draw(sheet, x, y) {
      const cols = [x + w - 2 * colW, x + w - colW];
      let row = 0;
      if (header) {
        ["Yes", "No"].forEach((t, c) => sheet.text(t, cols[c] + 4, y + pitch * 0.65, style.bold, size, style.ink));
        row = 1;
      }
      questions.forEach((q, i) => {
        const mid = y + (row + i) * pitch + pitch / 2;
        sheet.text(q, x, mid + size * 0.35, style.font, size, style.ink);
        ["Yes", "No"].forEach((option, c) => {
          const bx = header || boxFirst ? cols[c] + 4 : cols[c] + 4 + width(style.font, option, size) + 3;
          drawCheckbox(sheet, style, look, bx, mid - s / 2, s, { label: option, group: q.replace(/^\d+\.\s*/, "") });
          if (!header) sheet.text(option, boxFirst ? bx + s + 3 : cols[c] + 4, mid + size * 0.35, style.font, size, style.ink);
        });
      });
    },
  };
};
