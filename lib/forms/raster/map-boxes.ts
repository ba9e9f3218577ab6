import type { Box, PageSize } from "../types";
import type { LetterboxGeometry } from "./letterbox";

/** A box in model-input pixels, corners. */
export type InputBox = { x1: number; y1: number; x2: number; y2: number };

/**
 * Model-input pixels -> page points: undo the letterbox (padding, scale) to image pixels, then the
 * render scale (image pixels per point, per axis). Clipped to the page.
 */
export function inputBoxToPage(b: InputBox, lb: LetterboxGeometry, image: { width: number; height: number }, page: PageSize): Box {
  const sx = image.width / page.width;
  const sy = image.height / page.height;
  const toX = (v: number) => Math.min(page.width, Math.max(0, (v - lb.padX) / lb.scale / sx));
  const toY = (v: number) => Math.min(page.height, Math.max(0, (v - lb.padY) / lb.scale / sy));
  const x1 = toX(b.x1);
  const y1 = toY(b.y1);
  return { x: x1, y: y1, width: toX(b.x2) - x1, height: toY(b.y2) - y1 };
}

/** Page points -> model-input pixels (training labels and tests use it; inverse of inputBoxToPage). */
export function pageBoxToInput(b: Box, lb: LetterboxGeometry, image: { width: number; height: number }, page: PageSize): InputBox {
  const sx = (image.width / page.width) * lb.scale;
  const sy = (image.height / page.height) * lb.scale;
  return { x1: b.x * sx + lb.padX, y1: b.y * sy + lb.padY, x2: (b.x + b.width) * sx + lb.padX, y2: (b.y + b.height) * sy + lb.padY };
}
