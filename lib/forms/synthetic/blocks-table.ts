import { type Block, width } from "./block";
import { drawCheckbox, pickLook } from "./checkbox";
import { ROW_LABELS, TABLE_COLUMNS } from "./vocabulary";

/**
 * A table with a header row and empty entry cells (each a text field). Row numbers or a pre-printed
 * first column are text, not fields; a narrow column may hold one checkbox per row.
 */
export const tableBlock: Block = ({ rng, style }, w) => {
  const size = style.size * rng.float(0.85, 1);
  const cols = rng.int(2, 6);
  const rows = rng.int(2, 7);
  const names = rng.shuffle(TABLE_COLUMNS).slice(0, cols);
  const rowLabels = rng.chance(0.4);
  const checkCol = rng.chance(0.2) ? rng.int(0, cols - 1) : -1;
  const weights = names.map((_, i) => (i === checkCol ? 0.35 : rng.float(0.6, 1.6)));
  const labelW = rowLabels ? width(style.font, "00.", size) + 8 : 0;
  const sum = weights.reduce((a, b) => a + b, 0);
  const colW = weights.map((wt) => ((w - labelW) * wt) / sum);
  if (colW.some((cw, i) => width(style.bold, names[i], size) + 4 > cw && i !== checkCol)) return null;
  const headH = size * rng.float(1.6, 2.2);
  const rowH = rng.float(14, 24);
  const shade = rng.chance(0.6);
  const zebra = rng.chance(0.2);
  const grid = rng.weighted([["full", 4], ["rows", 2]] as const);
  const s = Math.min(style.checkboxSize, rowH - 4);
  const look = pickLook(rng, style);
  return {
    height: headH + rows * rowH + style.size * style.rowGap,
    draw(sheet, x, y) {
      const lw = style.lineWidth;
      const stroke = { width: lw, color: style.lineColor };
      const right = x + w;
      const bottom = y + headH + rows * rowH;
      if (shade) sheet.rect({ x, y, width: w, height: headH }, { fill: style.accent });
      let cx = x + labelW;
      names.forEach((name, i) => {
        const label = i === checkCol ? "" : name;
        sheet.text(label, cx + 3, y + headH / 2 + size * 0.35, style.bold, size, shade ? style.accentText : style.ink);
        cx += colW[i];
      });
      for (let r = 0; r < rows; r++) {
        const ry = y + headH + r * rowH;
        if (zebra && r % 2 === 1) sheet.rect({ x, y: ry, width: w, height: rowH }, { fill: style.accent });
        if (rowLabels) sheet.text(ROW_LABELS[r % ROW_LABELS.length], x + 3, ry + rowH / 2 + size * 0.35, style.font, size, style.ink);
        let fx = x + labelW;
        names.forEach((name, i) => {
          const box = { x: fx + lw / 2, y: ry + lw / 2, width: colW[i] - lw, height: rowH - lw };
          if (i === checkCol) drawCheckbox(sheet, style, look, fx + (colW[i] - s) / 2, ry + (rowH - s) / 2, s, { label: `${names[i]} ${r + 1}` });
          else sheet.field("text", box, { label: `${name} ${r + 1}` });
          fx += colW[i];
        });
      }
      for (let r = 0; r <= rows; r++) sheet.line(x, y + headH + r * rowH, right, y + headH + r * rowH, stroke);
      sheet.line(x, y, right, y, stroke);
      if (grid === "full") {
        let vx = x;
        const stops = [x, ...(labelW ? [x + labelW] : []), ...colW.map((cw) => (vx += cw) + labelW)];
        stops.push(right);
        for (const sx of new Set(stops.map((v) => Math.min(v, right)))) sheet.line(sx, y, sx, bottom, stroke);
      }
    },
  };
};
