import { describe, expect, it } from "vitest";
import type { Box, DetectedField } from "../types";
import { orderFields } from "./reading-order";

const field = (name: string, x: number, y: number, width = 150, height = 16, page = 0): DetectedField => ({ page, name, type: "text", box: { x, y, width, height }, score: 1, source: "vector" });
const label = (x: number, y: number, width = 50): Box => ({ x, y, width, height: 10 });

describe("reading order", () => {
  it("reads a two-column layout column by column when its lines do not line up", () => {
    const fields = [field("r1", 330, 120), field("l1", 72, 90), field("r2", 330, 180), field("l2", 72, 150), field("l3", 72, 210), field("r3", 330, 240), field("title", 72, 40, 400)];
    const text = new Map([[0, [label(72, 78), label(72, 138), label(72, 198), label(330, 108), label(330, 168), label(330, 228)]]]);
    expect(orderFields(fields, text).map((f) => f.name)).toEqual(["title", "l1", "l2", "l3", "r1", "r2", "r3"]);
  });

  it("reads a table row by row even when a checkbox column sits apart from the text cells", () => {
    const cell = (name: string, x: number, y: number) => field(name, x, y, 100, 18);
    const box = (name: string, y: number): DetectedField => ({ ...field(name, 80, y + 5, 8, 8), type: "checkbox" });
    const fields = [box("c1", 100), cell("a1", 110, 100), cell("b1", 211, 100), box("c2", 119), cell("a2", 110, 119), cell("b2", 211, 119), box("c3", 138), cell("a3", 110, 138), cell("b3", 211, 138)];
    expect(orderFields(fields, new Map()).map((f) => f.name)).toEqual(["c1", "a1", "b1", "c2", "a2", "b2", "c3", "a3", "b3"]);
  });

  it("reads a grid of side-by-side fields row by row", () => {
    const fields = [field("phone", 72, 130), field("last", 330, 100), field("first", 72, 100), field("email", 330, 130), field("address", 72, 160, 400)];
    expect(orderFields(fields, new Map()).map((f) => f.name)).toEqual(["first", "last", "phone", "email", "address"]);
  });

  it("keeps pages in order and fields on one line left to right", () => {
    const fields = [field("p2", 72, 50, 100, 16, 1), field("b", 200, 52, 60), field("a", 72, 50, 60)];
    expect(orderFields(fields, new Map()).map((f) => f.name)).toEqual(["a", "b", "p2"]);
  });
});
