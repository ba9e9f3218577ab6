import { describe, expect, it } from "vitest";
import { parseClassList, fieldTypeOf } from "./classes";
import { decodeOutput, detectLayout, OutputShapeError } from "./decode";
import { letterbox, letterboxGeometry, PAD_VALUE } from "./letterbox";
import { inputBoxToPage, pageBoxToInput } from "./map-boxes";
import { nms } from "./nms";

/** Builds a [1, 4 + nc, N] YOLO output from rows of [cx, cy, w, h, ...scores]. */
function yoloOutput(rows: number[][]): { data: Float32Array; dims: number[] } {
  const channels = rows[0].length;
  const data = new Float32Array(channels * rows.length);
  rows.forEach((row, i) => row.forEach((v, c) => (data[c * rows.length + i] = v)));
  return { data, dims: [1, channels, rows.length] };
}

describe("letterbox", () => {
  it("fits, centres and pads like Ultralytics", () => {
    expect(letterboxGeometry(612, 792, 800)).toMatchObject({ width: 618, height: 800, padX: 91, padY: 0 });
    expect(letterboxGeometry(1000, 500, 640)).toMatchObject({ width: 640, height: 320, padX: 0, padY: 160 });
  });

  it("writes RGB planes 0..1 with gray padding", () => {
    const img = { width: 2, height: 4, data: new Uint8ClampedArray(2 * 4 * 4) };
    for (let p = 0; p < 8; p++) img.data.set([255, 0, 51, 255], p * 4);
    const { tensor, geometry } = letterbox(img, 8);
    expect(geometry).toMatchObject({ width: 4, height: 8, padX: 2, padY: 0 });
    const at = (c: number, y: number, x: number) => tensor[c * 64 + y * 8 + x];
    expect(at(0, 3, 0)).toBeCloseTo(PAD_VALUE / 255);
    expect(at(0, 3, 3)).toBeCloseTo(1);
    expect(at(1, 3, 3)).toBeCloseTo(0);
    expect(at(2, 3, 3)).toBeCloseTo(0.2);
    expect(at(2, 3, 7)).toBeCloseTo(PAD_VALUE / 255);
  });

  it("keeps a one-pixel rule visible when shrinking", () => {
    // A 1 px black line in a 400 px tall white image shrunk 4x must still darken its row.
    const w = 100;
    const h = 400;
    const data = new Uint8ClampedArray(w * h * 4).fill(255);
    for (let x = 0; x < w; x++) data.set([0, 0, 0, 255], (201 * w + x) * 4);
    const { tensor } = letterbox({ width: w, height: h, data }, 100);
    const row = Math.min(...Array.from({ length: 100 }, (_, y) => tensor[y * 100 + 50]));
    expect(row).toBeLessThan(0.85);
  });
});

describe("coordinate mapping", () => {
  it("round-trips page points through input pixels", () => {
    const page = { width: 612, height: 792 };
    const image = { width: 1224, height: 1584 };
    const lb = letterboxGeometry(image.width, image.height, 800);
    const box = { x: 72, y: 100.5, width: 200, height: 14 };
    const input = pageBoxToInput(box, lb, image, page);
    expect(input.x1).toBeCloseTo(72 * (800 / 792) + lb.padX, 0);
    const back = inputBoxToPage(input, lb, image, page);
    expect(back.x).toBeCloseTo(box.x, 1);
    expect(back.y).toBeCloseTo(box.y, 1);
    expect(back.width).toBeCloseTo(box.width, 1);
    expect(back.height).toBeCloseTo(box.height, 1);
  });

  it("clips boxes reaching into the padding to the page", () => {
    const page = { width: 612, height: 792 };
    const lb = letterboxGeometry(618, 800, 800);
    const b = inputBoxToPage({ x1: 10, y1: 5, x2: 150, y2: 30 }, lb, { width: 618, height: 800 }, page);
    expect(b.x).toBe(0);
    expect(b.width).toBeCloseTo((150 - lb.padX) / (618 / 612), 1);
  });
});

describe("decodeOutput", () => {
  const rows = [
    [100, 50, 40, 10, 0.9, 0.1, 0.0],
    [200, 60, 10, 10, 0.1, 0.3, 0.05],
    [300, 70, 80, 20, 0.2, 0.1, 0.8],
  ];

  it("reads [1, 4 + nc, N]", () => {
    const { data, dims } = yoloOutput(rows);
    const out = decodeOutput(data, dims, { scoreThreshold: 0.25, numClasses: 3 });
    expect(out).toEqual([
      { x1: 80, y1: 45, x2: 120, y2: 55, score: expect.closeTo(0.9), classIndex: 0 },
      { x1: 195, y1: 55, x2: 205, y2: 65, score: expect.closeTo(0.3), classIndex: 1 },
      { x1: 260, y1: 60, x2: 340, y2: 80, score: expect.closeTo(0.8), classIndex: 2 },
    ]);
    expect(decodeOutput(data, dims, { scoreThreshold: 0.5, numClasses: 3 })).toHaveLength(2);
  });

  it("reads the transposed [1, N, 4 + nc] layout the same way", () => {
    const a = yoloOutput(rows);
    const t = { data: Float32Array.from(rows.flat()), dims: [1, rows.length, 7] };
    expect(detectLayout(t.dims, 3).layout).toBe("yolo-transposed");
    expect(decodeOutput(t.data, t.dims, { scoreThreshold: 0.25, numClasses: 3 })).toEqual(
      decodeOutput(a.data, a.dims, { scoreThreshold: 0.25, numClasses: 3 }),
    );
  });

  it("reads end-to-end [1, N, 6] rows and skips padding rows", () => {
    const data = Float32Array.from([10, 20, 110, 40, 0.95, 2, 0, 0, 0, 0, 0, 0, 5, 5, 15, 15, 0.6, 1]);
    const dims = [1, 3, 6];
    expect(detectLayout(dims, 3).layout).toBe("end2end");
    expect(decodeOutput(data, dims, { scoreThreshold: 0.5, numClasses: 3 })).toEqual([
      { x1: 10, y1: 20, x2: 110, y2: 40, score: expect.closeTo(0.95), classIndex: 2 },
      { x1: 5, y1: 5, x2: 15, y2: 15, score: expect.closeTo(0.6), classIndex: 1 },
    ]);
  });

  it("infers the layout without a class list and rejects shapes that do not fit", () => {
    expect(detectLayout([1, 7, 8400])).toMatchObject({ layout: "yolo", numClasses: 3, rows: 8400 });
    expect(detectLayout([1, 8400, 7])).toMatchObject({ layout: "yolo-transposed", numClasses: 3 });
    expect(() => detectLayout([1, 9, 8400], 3)).toThrow(OutputShapeError);
    expect(() => detectLayout([2, 7, 100], 3)).toThrow(OutputShapeError);
    // Two classes make [1, N, 6] ambiguous; with nc = 2 it is read as transposed YOLO.
    expect(detectLayout([1, 300, 6], 2).layout).toBe("yolo-transposed");
  });
});

describe("nms", () => {
  const b = (x1: number, score: number, classIndex = 0) => ({ x1, y1: 0, x2: x1 + 100, y2: 10, score, classIndex });

  it("keeps the best of overlapping boxes per class", () => {
    const kept = nms([b(0, 0.5), b(5, 0.9), b(200, 0.4), b(3, 0.8, 1)], { iouThreshold: 0.5 });
    expect(kept.map((k) => [k.x1, k.classIndex])).toEqual([[5, 0], [3, 1], [200, 0]]);
    const agnostic = nms([b(0, 0.5), b(5, 0.9), b(3, 0.8, 1)], { iouThreshold: 0.5, classAgnostic: true });
    expect(agnostic.map((k) => k.x1)).toEqual([5]);
  });

  it("caps candidates and detections", () => {
    const many = Array.from({ length: 50 }, (_, i) => b(i * 200, i / 50));
    expect(nms(many, { iouThreshold: 0.5, maxDetections: 10 })).toHaveLength(10);
    expect(nms(many, { iouThreshold: 0.5, maxCandidates: 5 })[0].score).toBeCloseTo(49 / 50);
  });
});

describe("class lists", () => {
  it("maps common names to field types", () => {
    expect(["TextBox", "ChoiceButton", "Signature", "text_input", "choice button", "radio", "Header"].map(fieldTypeOf)).toEqual([
      "text",
      "checkbox",
      "signature",
      "text",
      "checkbox",
      "checkbox",
      null,
    ]);
  });

  it("parses arrays, index objects, names wrappers and comma lists", () => {
    expect(parseClassList('["TextBox","ChoiceButton","Signature"]')).toEqual(["text", "checkbox", "signature"]);
    expect(parseClassList('{"0": "text_input", "2": "signature"}')).toEqual(["text", null, "signature"]);
    expect(parseClassList('{"names": {"0": "Widget=text", "1": "Label=ignore"}}')).toEqual(["text", null]);
    expect(parseClassList("text, checkbox ,signature")).toEqual(["text", "checkbox", "signature"]);
    expect(() => parseClassList("Widget=banana")).toThrow(/unknown field type/);
    expect(() => parseClassList("")).toThrow();
  });
});
