import { type Color, type PDFDocument, type PDFFont, StandardFonts, rgb } from "pdf-lib";
import type { Rng } from "./random";

/** The look of one generated form: fonts, sizes, inks and the drawing habits of its "designer". */
export type FormStyle = {
  font: PDFFont;
  bold: PDFFont;
  dingbats: PDFFont;
  /** Label size in points. */
  size: number;
  ink: Color;
  lineColor: Color;
  lineWidth: number;
  /** Light fill some designers give entry boxes. */
  fieldFill?: Color;
  accent: Color;
  accentText: Color;
  colon: boolean;
  checkbox: "square" | "glyph" | "round-square";
  checkboxSize: number;
  dashedLines: boolean;
  rowGap: number;
};

const FAMILIES = [
  [StandardFonts.Helvetica, StandardFonts.HelveticaBold],
  [StandardFonts.TimesRoman, StandardFonts.TimesRomanBold],
  [StandardFonts.Courier, StandardFonts.CourierBold],
  [StandardFonts.Helvetica, StandardFonts.Helvetica],
  [StandardFonts.TimesRoman, StandardFonts.HelveticaBold],
] as const;

export async function pickStyle(doc: PDFDocument, rng: Rng): Promise<FormStyle> {
  const [regular, boldName] = rng.weighted(FAMILIES.map((f, i) => [f, i === 2 ? 0.5 : i === 0 ? 3 : 1.5] as const));
  const font = await doc.embedFont(regular);
  const bold = await doc.embedFont(boldName);
  const dingbats = await doc.embedFont(StandardFonts.ZapfDingbats);
  const gray = rng.float(0, 0.25);
  const ink = rng.chance(0.15) ? rgb(0.05, 0.1, rng.float(0.3, 0.5)) : rgb(gray * 0.5, gray * 0.5, gray * 0.5);
  const lineGray = rng.chance(0.7) ? 0 : rng.float(0.2, 0.55);
  const accentHue = rng.pick([
    [0.85, 0.88, 0.93],
    [0.9, 0.9, 0.9],
    [0.15, 0.25, 0.45],
    [0.8, 0.9, 0.85],
    [0.3, 0.3, 0.3],
    [0.95, 0.92, 0.8],
  ]);
  const darkAccent = accentHue[0] < 0.5;
  const size = rng.weighted([
    [rng.float(7, 8.5), 1],
    [rng.float(8.5, 10.5), 4],
    [rng.float(10.5, 12.5), 2],
  ] as const);
  return {
    font,
    bold,
    dingbats,
    size,
    ink,
    lineColor: rgb(lineGray, lineGray, lineGray),
    lineWidth: rng.pick([0.5, 0.6, 0.75, 1, 1, 1.25]),
    fieldFill: rng.chance(0.15)
      ? rng.pick([rgb(0.87, 0.92, 1), rgb(1, 1, 0.85), rgb(0.93, 0.93, 0.93)])
      : undefined,
    accent: rgb(accentHue[0], accentHue[1], accentHue[2]),
    accentText: darkAccent ? rgb(1, 1, 1) : ink,
    colon: rng.chance(0.6),
    checkbox: rng.weighted([
      ["square", 5],
      ["glyph", 2],
      ["round-square", 1],
    ] as const),
    checkboxSize: rng.float(7, 12),
    dashedLines: rng.chance(0.1),
    rowGap: rng.float(0.6, 1.6),
  };
}

/** The label as printed: with or without a trailing colon. */
export function labelText(style: FormStyle, label: string): string {
  return style.colon && !/[?:)]$/.test(label) ? `${label}:` : label;
}
