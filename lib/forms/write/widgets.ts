import { type PDFContext, PDFDict, PDFHexString, PDFName, type PDFRef, PDFString } from "pdf-lib";
import type { Box } from "../types";

/**
 * Field dictionaries written directly (field and widget merged, as most authoring tools do).
 * pdf-lib's form API scans every existing field on each `createTextField`, which is quadratic in
 * the number of fields; building the dictionaries here is linear and gives full control of /DA
 * and the appearance streams.
 */

export type FontNames = { helv: string; zadb: string };

export type WidgetBase = { name: string; rect: Box; pageRef: PDFRef; rotation: number; tooltip?: string };

const FLAG_MULTILINE = 1 << 12;
const FLAG_DO_NOT_SCROLL = 1 << 23;
const FLAG_COMB = 1 << 24;
/** Annotation flag: print. */
const PRINT = 4;

/** Rotation matrix of a widget's appearance, so its content stands upright on a rotated page. */
function rotationMatrix(rotation: number): number[] {
  switch (rotation) {
    case 90:
      return [0, 1, -1, 0, 0, 0];
    case 180:
      return [-1, 0, 0, -1, 0, 0];
    case 270:
      return [0, -1, 1, 0, 0, 0];
    default:
      return [1, 0, 0, 1, 0, 0];
  }
}

/** The widget's width and height as the reader sees them (swapped on pages turned a quarter). */
const visualSize = (w: WidgetBase) => (w.rotation % 180 === 0 ? [w.rect.width, w.rect.height] : [w.rect.height, w.rect.width]);

function appearance(context: PDFContext, w: WidgetBase, content: string, resources: Record<string, unknown> = {}): PDFRef {
  const [width, height] = visualSize(w);
  const stream = context.stream(content, {
    Type: "XObject",
    Subtype: "Form",
    BBox: [0, 0, width, height],
    Matrix: rotationMatrix(w.rotation),
    Resources: resources as never,
  });
  return context.register(stream);
}

function widgetDict(context: PDFContext, w: WidgetBase, entries: Record<string, unknown>): PDFDict {
  const dict = context.obj({
    Type: "Annot",
    Subtype: "Widget",
    F: PRINT,
    Rect: [w.rect.x, w.rect.y, w.rect.x + w.rect.width, w.rect.y + w.rect.height],
    P: w.pageRef,
    ...entries,
  });
  dict.set(PDFName.of("T"), PDFString.of(w.name));
  if (w.tooltip) dict.set(PDFName.of("TU"), PDFHexString.fromText(w.tooltip));
  return dict;
}

/**
 * A text field. Single-line and comb fields use automatic font size ("0 Tf": the viewer fits the
 * text to the box); multiline fields use `multilineSize`, because several fillers read "auto" in
 * a multiline box as "as large as fits", which turns a comment box into 60 pt type.
 */
export function textFieldDict(context: PDFContext, w: WidgetBase, fonts: FontNames, opts: { multiline?: boolean; comb?: number; multilineSize: number }): PDFDict {
  let flags = 0;
  if (opts.comb && opts.comb > 1) flags |= FLAG_COMB | FLAG_DO_NOT_SCROLL;
  else if (opts.multiline) flags |= FLAG_MULTILINE;
  const size = opts.multiline && !opts.comb ? opts.multilineSize : 0;
  const entries: Record<string, unknown> = {
    FT: "Tx",
    Ff: flags,
    Q: 0,
    MK: { R: w.rotation },
    AP: { N: appearance(context, w, "/Tx BMC EMC") },
  };
  if (opts.comb && opts.comb > 1) entries.MaxLen = opts.comb;
  const dict = widgetDict(context, w, entries);
  dict.set(PDFName.of("DA"), PDFString.of(`/${fonts.helv} ${size} Tf 0 g`));
  return dict;
}

/** A check box with a ZapfDingbats check mark ("4") for On (export value "Yes") and a blank Off state. */
export function checkBoxDict(context: PDFContext, w: WidgetBase, fonts: FontNames, zadbRef: PDFRef): PDFDict {
  const [width, height] = visualSize(w);
  const size = Math.min(width, height) * 0.8;
  const x = (width - 0.846 * size) / 2;
  const y = (height - 0.705 * size) / 2;
  const on = appearance(context, w, `q BT 0 g /${fonts.zadb} ${size.toFixed(2)} Tf ${x.toFixed(2)} ${y.toFixed(2)} Td (4) Tj ET Q`, { Font: { [fonts.zadb]: zadbRef } });
  const off = appearance(context, w, "");
  const dict = widgetDict(context, w, { FT: "Btn", Ff: 0, V: "Off", AS: "Off", MK: { R: w.rotation, CA: PDFString.of("4") }, AP: { N: { Yes: on, Off: off } } });
  dict.set(PDFName.of("DA"), PDFString.of(`/${fonts.zadb} 0 Tf 0 g`));
  return dict;
}

/**
 * An unsigned signature field (/FT /Sig) with an empty appearance: signing tools (Acrobat,
 * e-signature services) recognise it as the place to sign, and viewers draw nothing until then.
 */
export function signatureFieldDict(context: PDFContext, w: WidgetBase): PDFDict {
  return widgetDict(context, w, { FT: "Sig", MK: { R: w.rotation }, AP: { N: appearance(context, w, "") } });
}
