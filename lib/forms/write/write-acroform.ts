import { type PDFAcroForm, PDFArray, PDFDict, type PDFDocument, PDFDocument as Doc, PDFName, type PDFRef, PDFString, PDFHexString, ParseSpeeds } from "pdf-lib";
import { apply, invert, type Matrix } from "@/lib/pdf/geometry";
import type { Box, DetectedField } from "../types";
import { checkBoxDict, type FontNames, signatureFieldDict, textFieldDict, type WidgetBase } from "./widgets";

export type WritePage = { transform: Matrix };

export type WriteResult = { bytes: Uint8Array; fieldCount: number; removedXfa: boolean };

/** Font size of multiline fields (single-line and comb fields size automatically). */
export const MULTILINE_FONT_SIZE = 10;

/**
 * Adds the detected fields to the PDF as an AcroForm and returns the new file. Existing fields and
 * their appearances are kept untouched. Fields are added page by page in the order given (reading
 * order), which viewers use as tab order. Text fields have no border or fill (the printed lines
 * stay the visible form), Helvetica, left alignment, multiline or comb (MaxLen + comb flag) where
 * detected, and their label as tooltip (/TU) for screen readers. Signature fields are /Sig fields.
 */
export async function writeAcroForm(
  input: Uint8Array,
  fields: DetectedField[],
  pages: WritePage[],
  onPage?: (pageIndex: number, pageCount: number) => void,
): Promise<WriteResult> {
  const doc = await Doc.load(input, { updateMetadata: false, parseSpeed: ParseSpeeds.Fastest });
  const acroForm = doc.catalog.getOrCreateAcroForm();
  // Viewers that understand XFA show it instead of the AcroForm, so new fields would be invisible.
  const removedXfa = acroForm.dict.has(PDFName.of("XFA"));
  if (removedXfa) {
    acroForm.dict.delete(PDFName.of("XFA"));
    doc.catalog.delete(PDFName.of("NeedsRendering"));
  }
  const { names, zadbRef } = formFonts(doc, acroForm);
  if (!acroForm.dict.has(PDFName.of("DA"))) acroForm.dict.set(PDFName.of("DA"), PDFString.of(`/${names.helv} 0 Tf 0 g`));
  const taken = topLevelNames(acroForm);
  const pageCount = doc.getPageCount();
  for (let index = 0; index < pageCount; index++) {
    const onThisPage = fields.filter((f) => f.page === index);
    if (onThisPage.length > 0) {
      const page = doc.getPage(index);
      const toUser = invert(pages[index].transform);
      const rotation = ((page.getRotation().angle % 360) + 360) % 360;
      for (const field of onThisPage) {
        const w: WidgetBase = { name: uniqueName(field.name ?? field.type, taken), rect: userRect(toUser, field.box), pageRef: page.ref, rotation, tooltip: field.label };
        const dict =
          field.type === "signature"
            ? signatureFieldDict(doc.context, w)
            : field.type === "checkbox"
              ? checkBoxDict(doc.context, w, names, zadbRef)
              : textFieldDict(doc.context, w, names, { multiline: field.multiline, comb: field.comb, multilineSize: MULTILINE_FONT_SIZE });
        const ref = doc.context.register(dict);
        page.node.addAnnot(ref);
        acroForm.addField(ref);
      }
    }
    onPage?.(index, pageCount);
  }
  const bytes = await doc.save({ updateFieldAppearances: false });
  return { bytes, fieldCount: fields.length, removedXfa };
}

/** The box (page points, top-left origin) as a PDF user-space rectangle. */
export function userRect(toUser: Matrix, box: Box): Box {
  const [x0, y0] = apply(toUser, box.x, box.y);
  const [x1, y1] = apply(toUser, box.x + box.width, box.y + box.height);
  return { x: Math.min(x0, x1), y: Math.min(y0, y1), width: Math.abs(x1 - x0), height: Math.abs(y1 - y0) };
}

/**
 * Helvetica and ZapfDingbats in the form's default resources (/DR), under the conventional names
 * /Helv and /ZaDb unless the PDF already uses those names for other fonts.
 */
function formFonts(doc: PDFDocument, acroForm: PDFAcroForm): { names: FontNames; zadbRef: PDFRef } {
  const { context } = doc;
  let dr = acroForm.dict.lookupMaybe(PDFName.of("DR"), PDFDict);
  if (!dr) {
    dr = context.obj({});
    acroForm.dict.set(PDFName.of("DR"), dr);
  }
  let fonts = dr.lookupMaybe(PDFName.of("Font"), PDFDict);
  if (!fonts) {
    fonts = context.obj({});
    dr.set(PDFName.of("Font"), fonts);
  }
  const ensure = (preferred: string, baseFont: string, extra: Record<string, string>): { name: string; ref: PDFRef } => {
    for (let n = 0; ; n++) {
      const name = n === 0 ? preferred : `${preferred}${n}`;
      const existing = fonts!.get(PDFName.of(name));
      if (existing === undefined) {
        const ref = context.register(context.obj({ Type: "Font", Subtype: "Type1", BaseFont: baseFont, ...extra }));
        fonts!.set(PDFName.of(name), ref);
        return { name, ref };
      }
      const dict = context.lookupMaybe(existing, PDFDict);
      if (dict?.lookupMaybe(PDFName.of("BaseFont"), PDFName)?.asString() === `/${baseFont}`) return { name, ref: existing as PDFRef };
    }
  };
  const helv = ensure("Helv", "Helvetica", { Encoding: "WinAnsiEncoding" });
  const zadb = ensure("ZaDb", "ZapfDingbats", {});
  return { names: { helv: helv.name, zadb: zadb.name }, zadbRef: zadb.ref };
}

/** Names of the form's top-level fields: a new field must not reuse one (it would merge with it). */
function topLevelNames(acroForm: PDFAcroForm): Set<string> {
  const names = new Set<string>();
  const list = acroForm.dict.lookupMaybe(PDFName.of("Fields"), PDFArray);
  for (let i = 0; i < (list?.size() ?? 0); i++) {
    const t = list!.lookupMaybe(i, PDFDict)?.lookup(PDFName.of("T"));
    if (t instanceof PDFString || t instanceof PDFHexString) names.add(t.decodeText());
  }
  return names;
}

function uniqueName(base: string, taken: Set<string>): string {
  let name = base;
  for (let n = 2; taken.has(name); n++) name = `${base}_${n}`;
  taken.add(name);
  return name;
}
