import { describe, expect, it } from "vitest";
import type { DetectedField } from "../types";
import { classifyFields } from "./classify-fields";

const text = (label: string | undefined, height = 18, extra: Partial<DetectedField> = {}): DetectedField => ({ page: 0, type: "text", box: { x: 0, y: 0, width: 200, height }, score: 1, source: "vector", label, ...extra });

describe("classification", () => {
  it("makes fields labelled as signatures signature fields, but not signature dates or printed names", () => {
    const fields = [text("Applicant signature"), text("Signature date"), text("Printed name"), text("Sign here")];
    classifyFields(fields);
    expect(fields.map((f) => f.type)).toEqual(["signature", "text", "text", "signature"]);
  });

  it("marks tall text boxes multiline, never combs or short boxes", () => {
    const fields = [text("Comments", 60), text("Name", 18, { multiline: true }), text("SSN", 40, { comb: 9 })];
    classifyFields(fields);
    expect(fields.map((f) => !!f.multiline)).toEqual([true, false, false]);
  });

  it("turns a raster signature labelled Date into a text field", () => {
    const fields = [text("Date", 24, { type: "signature", source: "raster" })];
    classifyFields(fields);
    expect(fields[0].type).toBe("text");
  });
});
