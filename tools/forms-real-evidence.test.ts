import { describe, expect, it } from "vitest";
import { hasEvidence, inkNear, MARGIN } from "./forms-real-evidence";

/** A white 100 x 100 page inside a 120 x 120 image padded with the letterbox's gray. */
function page() {
  const size = 120;
  const data = new Uint8ClampedArray(size * size * 4);
  for (let y = 0; y < size; y++) {
    for (let x = 0; x < size; x++) {
      const inside = x >= 10 && x < 110 && y >= 10 && y < 110;
      data.set(inside ? [255, 255, 255, 255] : [114, 114, 114, 255], (y * size + x) * 4);
    }
  }
  return { image: { data, width: size, height: size }, area: { x1: 10, y1: 10, x2: 110, y2: 110 } };
}

function hline(img: { data: Uint8ClampedArray; width: number }, y: number, x1: number, x2: number, value = 0) {
  for (let x = x1; x < x2; x++) img.data.set([value, value, value, 255], (y * img.width + x) * 4);
}

describe("real-form truth evidence", () => {
  const field = { x1: 30, y1: 40, x2: 80, y2: 50 };

  it("finds no evidence on blank paper", () => {
    const { image, area } = page();
    expect(inkNear(image, field, area)).toBe(0);
    expect(hasEvidence(image, field, area)).toBe(false);
  });

  it("counts a rule just under the box as evidence", () => {
    const { image, area } = page();
    hline(image, field.y2 + MARGIN - 1, 30, 80);
    expect(hasEvidence(image, field, area)).toBe(true);
  });

  it("ignores ink beyond the margin and faint shading", () => {
    const { image, area } = page();
    hline(image, field.y2 + MARGIN + 2, 30, 80);
    hline(image, field.y1 + 2, 30, 80, 230);
    expect(hasEvidence(image, field, area)).toBe(false);
  });

  it("never counts the letterbox pad as ink", () => {
    const { image, area } = page();
    expect(hasEvidence(image, { x1: 11, y1: 11, x2: 20, y2: 20 }, area)).toBe(false);
  });
});
