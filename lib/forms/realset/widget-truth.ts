import { openPdf } from "@/lib/pdf/pdfjs";
import { apply, type Matrix, round2 } from "@/lib/pdf/geometry";
import type { FieldType, PageSize, TruthField } from "../types";

/** Why a widget is not ground truth (counted, so a set's report says what was left out). */
export type DropReason = "push_button" | "list_box" | "hidden" | "tiny" | "off_page" | "unknown_type";

export type WidgetTruth = {
  /** textChars: non-blank characters of page text (page content only, so the same once flattened); with `{ text: true }`. */
  pages: { size: PageSize; transform: Matrix; rotation: number; textChars?: number }[];
  fields: TruthField[];
  dropped: Partial<Record<DropReason, number>>;
};

/** Widgets smaller than this (points, either side) are dropped: nobody types into a 3-point box. */
export const TINY_POINTS = 5;

type WidgetData = {
  annotationType: number;
  annotationFlags?: number;
  rect?: number[];
  fieldType?: string;
  fieldName?: string;
  checkBox?: boolean;
  radioButton?: boolean;
  pushButton?: boolean;
  combo?: boolean;
};

const WIDGET = 20;
const HIDDEN = 2;
const NO_VIEW = 32;

/**
 * The field class of a widget, as CommonForms labels its data: text and combo boxes are text,
 * checkboxes and radio buttons are checkboxes, signature fields are signatures; push buttons and
 * list boxes are not fields a form filler types into, so they are dropped.
 */
export function classifyWidget(w: WidgetData): FieldType | DropReason {
  switch (w.fieldType) {
    case "Tx":
      return "text";
    case "Ch":
      return w.combo ? "text" : "list_box";
    case "Sig":
      return "signature";
    case "Btn":
      if (w.pushButton) return "push_button";
      return w.checkBox || w.radioButton ? "checkbox" : "push_button";
    default:
      return "unknown_type";
  }
}

/**
 * A fillable PDF's own widgets as ground truth, in the pipeline's coordinates: page points of the
 * page as displayed (CropBox, clipped to the MediaBox, then /Rotate applied), origin at the
 * displayed top-left corner, y down. That is pdf.js's viewport at scale 1, the transform the
 * pipeline itself renders and detects with, so a widget on a rotated or cropped page lands where the
 * detector sees its box. Widgets outside the displayed page are dropped.
 */
export async function widgetTruth(pdf: Uint8Array, options: { text?: boolean } = {}): Promise<WidgetTruth> {
  const doc = await openPdf(pdf.slice());
  try {
    const pages: WidgetTruth["pages"] = [];
    const fields: TruthField[] = [];
    const dropped: WidgetTruth["dropped"] = {};
    const drop = (reason: DropReason) => (dropped[reason] = (dropped[reason] ?? 0) + 1);
    for (let index = 0; index < doc.numPages; index++) {
      const page = await doc.getPage(index + 1);
      const viewport = page.getViewport({ scale: 1 });
      const transform = Array.from(viewport.transform) as Matrix;
      const size = { width: viewport.width, height: viewport.height };
      const rotation = ((page.rotate % 360) + 360) % 360;
      if (options.text) {
        const text = await page.getTextContent();
        const textChars = text.items.reduce((n, item) => n + ("str" in item ? item.str.replace(/\s/g, "").length : 0), 0);
        pages.push({ size, transform, rotation, textChars });
      } else pages.push({ size, transform, rotation });
      const annotations = (await page.getAnnotations({ intent: "display" })) as WidgetData[];
      for (const a of annotations) {
        if (a.annotationType !== WIDGET || !a.rect) continue;
        const type = classifyWidget(a);
        if (type !== "text" && type !== "checkbox" && type !== "signature") {
          drop(type);
          continue;
        }
        if ((a.annotationFlags ?? 0) & (HIDDEN | NO_VIEW)) {
          drop("hidden");
          continue;
        }
        const [x1, y1, x2, y2] = a.rect;
        const [ax, ay] = apply(transform, x1, y1);
        const [bx, by] = apply(transform, x2, y2);
        // Clipped to the displayed page: a widget half off the crop box is judged by its visible part.
        const left = Math.max(0, Math.min(ax, bx));
        const top = Math.max(0, Math.min(ay, by));
        const right = Math.min(size.width, Math.max(ax, bx));
        const bottom = Math.min(size.height, Math.max(ay, by));
        if (right <= left || bottom <= top) {
          drop("off_page");
          continue;
        }
        if (right - left < TINY_POINTS || bottom - top < TINY_POINTS) {
          drop("tiny");
          continue;
        }
        fields.push({ page: index, type, box: round2({ x: left, y: top, width: right - left, height: bottom - top }), label: a.fieldName || undefined });
      }
      page.cleanup();
    }
    return { pages, fields, dropped };
  } finally {
    await doc.destroy();
  }
}
