import { PDFArray, PDFDict, PDFDocument, PDFName, PDFRef } from "pdf-lib";

export type FlattenResult = { pdf: Uint8Array; removedWidgets: number; hadXfa: boolean };

/**
 * The flat input of a fillable PDF: the same pages with every widget annotation and the AcroForm
 * (with any XFA) removed, as CommonForms prepares its inputs. The page content stays as drawn, so
 * boxes, rules and comb cells the author drew are kept; what only a widget's appearance stream drew
 * (a border from /MK, a filled value) goes with the widget. Other annotations (links, notes) stay.
 * Throws on encrypted or unreadable files: the caller skips them.
 */
export async function flattenForm(pdf: Uint8Array): Promise<FlattenResult> {
  const doc = await PDFDocument.load(pdf, { updateMetadata: false });
  let removedWidgets = 0;
  for (const page of doc.getPages()) {
    const annots = page.node.lookupMaybe(PDFName.of("Annots"), PDFArray);
    if (!annots) continue;
    const kept: (PDFRef | PDFDict)[] = [];
    for (let i = 0; i < annots.size(); i++) {
      const entry = annots.get(i);
      const dict = entry instanceof PDFRef ? doc.context.lookupMaybe(entry, PDFDict) : entry instanceof PDFDict ? entry : undefined;
      if (dict?.get(PDFName.of("Subtype")) === PDFName.of("Widget")) {
        removedWidgets++;
        continue;
      }
      if (entry instanceof PDFRef || entry instanceof PDFDict) kept.push(entry);
    }
    if (kept.length === 0) page.node.delete(PDFName.of("Annots"));
    else page.node.set(PDFName.of("Annots"), doc.context.obj(kept));
  }
  const acroForm = doc.catalog.lookupMaybe(PDFName.of("AcroForm"), PDFDict);
  const hadXfa = acroForm?.has(PDFName.of("XFA")) ?? false;
  doc.catalog.delete(PDFName.of("AcroForm"));
  doc.catalog.delete(PDFName.of("NeedsRendering"));
  return { pdf: await doc.save({ updateFieldAppearances: false }), removedWidgets, hadXfa };
}
