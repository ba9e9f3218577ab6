import { rgb } from "pdf-lib";
import { type Block, sentence, width, wrap } from "./block";
import { HEADINGS, TITLES, WORDS } from "./vocabulary";

/** Form title, sometimes with a form number and a "logo" box: nothing here is a field. */
export const titleBlock: Block = ({ rng, style }, w) => {
  const size = rng.float(13, 20);
  const title = rng.pick(TITLES);
  const logo = rng.chance(0.3);
  const code = rng.chance(0.5) ? `Form ${rng.int(10, 999)}-${rng.pick(["A", "B", "EZ", "R"])} (Rev. ${rng.int(1, 12)}/${rng.int(2015, 2025)})` : "";
  const rule = rng.chance(0.5);
  const height = size * 1.5 + (code ? 4 : 0) + (rule ? 8 : 2) + (logo ? 8 : 0);
  return {
    height,
    draw(sheet, x, y) {
      let tx = x;
      if (logo) {
        const side = size * 1.8;
        sheet.rect({ x, y, width: side, height: side }, { fill: style.accent });
        sheet.text(title.slice(0, 2).toUpperCase(), x + side * 0.18, y + side * 0.68, style.bold, size * 0.8, style.accentText);
        tx = x + side + 8;
      }
      const centered = !logo && rng.chance(0.4);
      const tw = width(style.bold, title, size);
      sheet.text(title, centered ? x + (w - tw) / 2 : tx, y + size * 1.1, style.bold, size, style.ink);
      if (code) {
        const cs = style.size * 0.8;
        sheet.text(code, x + w - width(style.font, code, cs), y + cs, style.font, cs, style.ink);
      }
      if (rule) sheet.line(x, y + height - 3, x + w, y + height - 3, { width: rng.pick([0.75, 1.5, 2.5]), color: style.ink });
    },
  };
};

/** Instructions: wrapped text, sometimes with an underlined phrase (an underline that is not a field). */
export const paragraphBlock: Block = ({ rng, style }, w) => {
  const size = style.size * rng.float(0.85, 1);
  const font = rng.chance(0.2) ? style.bold : style.font;
  const text = Array.from({ length: rng.int(1, 4) }, () => sentence(rng, WORDS, 6, 16)).join(" ");
  const lines = wrap(font, (rng.chance(0.3) ? `${rng.int(1, 9)}. ` : "") + text, size, w);
  const leading = size * rng.float(1.15, 1.4);
  const underline = rng.chance(0.35) ? rng.int(0, lines.length - 1) : -1;
  return {
    height: lines.length * leading + 4,
    draw(sheet, x, y) {
      lines.forEach((line, i) => {
        const baseline = y + size + i * leading;
        sheet.text(line, x, baseline, font, size, style.ink);
        if (i === underline) {
          const words = line.split(" ");
          const k = Math.min(words.length, 1 + Math.floor(words.length / 3));
          const phrase = words.slice(0, k).join(" ");
          sheet.line(x, baseline + 1.5, x + width(font, phrase, size), baseline + 1.5, { width: 0.5, color: style.ink });
        }
      });
    },
  };
};

/** Section heading: a rule, a filled bar or a "Part" tab; decoration, never a field. */
export const headingBlock: Block = ({ rng, style }, w) => {
  const size = style.size * rng.float(1.05, 1.35);
  const text = (rng.chance(0.4) ? `${rng.pick(["Section", "Part", "Step"])} ${rng.int(1, 6)}: ` : "") + rng.pick(HEADINGS);
  const kind = rng.weighted([["rule", 3], ["bar", 3], ["plain", 1], ["boxed", 1]] as const);
  const upper = rng.chance(0.3);
  const label = upper ? text.toUpperCase() : text;
  const height = size * 1.9 + 4;
  return {
    height,
    draw(sheet, x, y) {
      if (kind === "bar") {
        sheet.rect({ x, y, width: w, height: size * 1.6 }, { fill: style.accent });
        sheet.text(label, x + 4, y + size * 1.15, style.bold, size, style.accentText);
      } else if (kind === "boxed") {
        sheet.rect({ x, y, width: w, height: size * 1.6 }, { border: style.lineColor, borderWidth: style.lineWidth });
        sheet.text(label, x + 4, y + size * 1.15, style.bold, size, style.ink);
      } else {
        sheet.text(label, x, y + size * 1.1, style.bold, size, style.ink);
        if (kind === "rule") sheet.line(x, y + size * 1.55, x + w, y + size * 1.55, { width: rng.pick([0.5, 1, 2]), color: style.lineColor });
      }
    },
  };
};

/** A shaded notice box with text inside: looks like an entry box, holds no field. */
export const noticeBlock: Block = ({ rng, style }, w) => {
  const size = style.size * 0.9;
  const text = sentence(rng, WORDS, 8, 22);
  const lines = wrap(style.font, text, size, w - 12);
  const height = lines.length * size * 1.3 + 12;
  const filled = rng.chance(0.5);
  return {
    height: height + 4,
    draw(sheet, x, y) {
      sheet.rect(
        { x, y, width: w, height },
        { fill: filled ? rgb(0.93, 0.93, 0.93) : undefined, border: style.lineColor, borderWidth: style.lineWidth },
      );
      lines.forEach((line, i) => sheet.text(line, x + 6, y + 6 + size + i * size * 1.3, style.font, size, style.ink));
    },
  };
};

/** A bare horizontal rule or a double rule between sections. */
export const ruleBlock: Block = ({ rng, style }, w) => {
  const double = rng.chance(0.3);
  return {
    height: double ? 10 : 8,
    draw(sheet, x, y) {
      sheet.line(x, y + 4, x + w, y + 4, { width: rng.pick([0.5, 1, 1.5, 3]), color: style.lineColor });
      if (double) sheet.line(x, y + 7, x + w, y + 7, { width: 0.5, color: style.lineColor });
    },
  };
};
