import type { Rng } from "./random";
import type { Sheet } from "./sheet";
import type { FormStyle } from "./style";

export type CheckboxLook = FormStyle["checkbox"] | "circle";

/** ZapfDingbats ❏/❑ glyph geometry in ems, measured from pdf.js renderings of the glyphs. */
const GLYPH = { left: 0.034, width: 0.694, height: 0.692 };

/**
 * Draws one checkbox whose square spans (x, y)-(x+s, y+s) and records it as truth with `label`.
 * Styles: stroked square, rounded square, a dingbat glyph, or a radio circle.
 */
export function drawCheckbox(
  sheet: Sheet,
  style: FormStyle,
  look: CheckboxLook,
  x: number,
  y: number,
  s: number,
  extra: { label?: string; group?: string },
): void {
  const stroke = { border: style.lineColor, borderWidth: Math.min(style.lineWidth, s / 8) };
  if (look === "glyph") {
    const fs = s / GLYPH.height;
    sheet.text(style.size > 9 ? "\u274f" : "\u2751", x - GLYPH.left * fs, y + s, style.dingbats, fs, style.ink);
    sheet.field("checkbox", { x, y, width: GLYPH.width * fs, height: s }, extra);
    return;
  }
  if (look === "circle") sheet.circle(x + s / 2, y + s / 2, s / 2, stroke);
  else if (look === "round-square") {
    const r = s * 0.2;
    const e = s - r;
    sheet.path(`M ${r} 0 L ${e} 0 Q ${s} 0 ${s} ${r} L ${s} ${e} Q ${s} ${s} ${e} ${s} L ${r} ${s} Q 0 ${s} 0 ${e} L 0 ${r} Q 0 0 ${r} 0 Z`, x, y, stroke);
  } else sheet.rect({ x, y, width: s, height: s }, { ...stroke, fill: style.fieldFill });
  sheet.field("checkbox", { x, y, width: s, height: s }, extra);
}

export function pickLook(rng: Rng, style: FormStyle): CheckboxLook {
  return rng.chance(0.12) ? "circle" : style.checkbox;
}
