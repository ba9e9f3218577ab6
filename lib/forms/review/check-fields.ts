import type { Box } from "@/lib/pdf/geometry";
import type { FieldType } from "../types";
import { REVIEW_LIMITS } from "./limits";

/** A page as the fields API describes it: 1-based number, size in points as previewed. */
export type ReviewPage = { page: number; width: number; height: number };

/** What a check needs of a field (the API's shape, or the page's working copy). */
export type CheckedField = { name: string; type: FieldType; page: number; box: Box };

/** One problem with one field: its index in the list, which part, and why (plain words). */
export type FieldIssue = { index: number; part: "name" | "page" | "box" | "type"; message: string };

/**
 * The checks an edited field list must pass beyond its shape, shared by the API (422 naming each
 * field) and the page (which marks the field before the user saves): the page exists, the box
 * lies on it and is large enough to use, and no two fields share a name (PDF would merge them
 * into one field with two widgets, so typing in one fills both).
 */
export function checkEditedFields(fields: readonly CheckedField[], pages: readonly ReviewPage[]): FieldIssue[] {
  const issues: FieldIssue[] = [];
  const byNumber = new Map(pages.map((p) => [p.page, p]));
  const firstIndex = new Map<string, number>();
  const tol = REVIEW_LIMITS.edgeTolerance;
  fields.forEach((f, index) => {
    const key = f.name.trim().toLowerCase();
    const earlier = firstIndex.get(key);
    // Case-insensitive: some fillers and FDF/XFDF exports treat names without regard to case.
    if (earlier !== undefined) issues.push({ index, part: "name", message: `The name "${f.name}" is already used by field ${earlier}` });
    else firstIndex.set(key, index);
    const min = REVIEW_LIMITS.minSize[f.type];
    if (!min) issues.push({ index, part: "type", message: `Unknown field type "${f.type}"` });
    else if (f.box.width < min.width || f.box.height < min.height)
      issues.push({ index, part: "box", message: `A ${f.type} field must be at least ${min.width} x ${min.height} pt; this one is ${r(f.box.width)} x ${r(f.box.height)} pt` });
    const page = byNumber.get(f.page);
    if (!page) {
      issues.push({ index, part: "page", message: `Page ${f.page} does not exist; the document has ${pages.length} ${pages.length === 1 ? "page" : "pages"}` });
      return;
    }
    const { x, y, width, height } = f.box;
    if (x < -tol || y < -tol || x + width > page.width + tol || y + height > page.height + tol)
      issues.push({
        index,
        part: "box",
        message: `The box (${r(x)}, ${r(y)}, ${r(width)} x ${r(height)} pt) is not inside page ${f.page} (${r(page.width)} x ${r(page.height)} pt)`,
      });
  });
  return issues;
}

/** The box moved inside its page where it overhangs by no more than the tolerance. */
export function clampToPage(box: Box, page: ReviewPage): Box {
  const clamp = (v: number, max: number) => Math.max(0, Math.min(v, max));
  const x0 = clamp(box.x, page.width);
  const y0 = clamp(box.y, page.height);
  return { x: x0, y: y0, width: clamp(box.x + box.width, page.width) - x0, height: clamp(box.y + box.height, page.height) - y0 };
}

const r = (n: number) => Math.round(n * 100) / 100;
