import type { Box } from "@/lib/pdf/geometry";
import type { FieldType } from "../types";
import { REVIEW_LIMITS } from "./limits";

/** A page's size in points, as previewed. */
export type PageBounds = { width: number; height: number };

/** The eight resize handles: which edges a drag on it moves. */
export const HANDLES = ["nw", "n", "ne", "e", "se", "s", "sw", "w"] as const;
export type Handle = (typeof HANDLES)[number];

const clamp = (v: number, lo: number, hi: number) => Math.min(hi, Math.max(lo, v));

/** The box moved by (dx, dy) points, kept whole on the page. */
export function moveBox(box: Box, dx: number, dy: number, page: PageBounds): Box {
  return { ...box, x: clamp(box.x + dx, 0, Math.max(0, page.width - box.width)), y: clamp(box.y + dy, 0, Math.max(0, page.height - box.height)) };
}

/**
 * The box after dragging `handle` by (dx, dy) points: the edges the handle holds follow, the
 * opposite ones stay, no edge leaves the page and the box never shrinks below the type's minimum.
 */
export function resizeBox(box: Box, handle: Handle, dx: number, dy: number, page: PageBounds, type: FieldType): Box {
  const min = REVIEW_LIMITS.minSize[type];
  let left = box.x;
  let top = box.y;
  let right = box.x + box.width;
  let bottom = box.y + box.height;
  if (handle.includes("w")) left = clamp(left + dx, 0, right - min.width);
  if (handle.includes("e")) right = clamp(right + dx, left + min.width, page.width);
  if (handle.includes("n")) top = clamp(top + dy, 0, bottom - min.height);
  if (handle.includes("s")) bottom = clamp(bottom + dy, top + min.height, page.height);
  return { x: left, y: top, width: right - left, height: bottom - top };
}

/** The box spanned by a drag from (x0, y0) to (x1, y1) points, in any direction, cut to the page. */
export function boxFromDrag(x0: number, y0: number, x1: number, y1: number, page: PageBounds): Box {
  const left = clamp(Math.min(x0, x1), 0, page.width);
  const right = clamp(Math.max(x0, x1), 0, page.width);
  const top = clamp(Math.min(y0, y1), 0, page.height);
  const bottom = clamp(Math.max(y0, y1), 0, page.height);
  return { x: left, y: top, width: right - left, height: bottom - top };
}

/** Whether a drawn box is big enough to become a field of this type (smaller drags are clicks). */
export function bigEnough(box: Box, type: FieldType): boolean {
  const min = REVIEW_LIMITS.minSize[type];
  return box.width >= min.width && box.height >= min.height;
}

/** A likely type for a box a person drew: small and square is a checkbox, else a text field. */
export function guessType(box: Box): FieldType {
  const square = Math.abs(box.width - box.height) <= Math.max(box.width, box.height) * 0.25;
  return square && box.width <= 24 ? "checkbox" : "text";
}

/** `base`, or `base_2`, `base_3`... : the first not in `taken` (compared without case, as the API does). */
export function uniqueFieldName(base: string, taken: Iterable<string>): string {
  const lower = new Set([...taken].map((n) => n.trim().toLowerCase()));
  const stem = base.replace(/\./g, "_") || "field";
  let name = stem;
  for (let n = 2; lower.has(name.toLowerCase()); n++) name = `${stem}_${n}`;
  return name;
}

/** Rounded to hundredths of a point, as the API reports boxes. */
export function roundBox(box: Box): Box {
  const r = (n: number) => Math.round(n * 100) / 100;
  return { x: r(box.x), y: r(box.y), width: r(box.width), height: r(box.height) };
}
