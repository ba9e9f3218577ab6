import { describe, expect, it } from "vitest";
import type { DetectedField } from "../types";
import type { Phrase } from "../vector/text";
import { classifyFields } from "./classify-fields";

const text = (label: string | undefined, height = 18, extra: Partial<DetectedField> = {}): DetectedField => ({ page: 0, type: "text", box: { x: 0, y: 0, width: 200, height }, score: 1, source: "vector", label, ...extra });

describe("classification", () => {
  it("makes fields labelled as signatures signature fields, but not signature dates or printed names", () => {
    const fields = [text("Applicant signature"), text("Signature date"), text("Printed name"), text("Sign here"), text("Signed this"), text("Signed at")];
    classifyFields(fields);
    expect(fields.map((f) => f.type)).toEqual(["signature", "text", "text", "signature", "text", "text"]);
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

  it("knows signature labels in other languages, and their dates and names", () => {
    const fields = [text("Подпись"), text("Firma del solicitante"), text("Unterschrift des Antragstellers"), text("签名"), text("Fecha de firma"), text("Дата подписи")];
    classifyFields(fields);
    expect(fields.map((f) => f.type)).toEqual(["signature", "signature", "signature", "signature", "text", "text"]);
  });

  it("keeps a signature only where the page asks for one: its label or text beside, under or above it", () => {
    const phrase = (text: string, x: number, y: number): Phrase => ({ text, box: { x, y, width: text.length * 5, height: 10 }, base: y + 8, size: 10, bold: false });
    const sig = (x: number, y: number, label?: string): DetectedField => ({ page: 0, type: "signature", box: { x, y, width: 200, height: 24 }, score: 0.9, source: "raster", label });
    const fields = [sig(100, 100, "Amount"), sig(100, 200), sig(100, 300), sig(100, 400, "Applicant")];
    const phrases = [phrase("Amount", 40, 114), phrase("Total due", 400, 214), phrase("Signature of applicant", 100, 326), phrase("Applicant", 40, 414), phrase("Sign here", 150, 388)];
    classifyFields(fields, phrases);
    expect(fields.map((f) => f.type)).toEqual(["text", "text", "signature", "signature"]);
  });

  it("leaves a detector's signature alone on a page without text (a scan), unless its label names something else", () => {
    const fields = [text(undefined, 24, { type: "signature", source: "raster" }), text("Printed name", 24, { type: "signature", source: "raster" })];
    classifyFields(fields, []);
    expect(fields.map((f) => f.type)).toEqual(["signature", "text"]);
  });

  it("gives checkboxes printed smaller than 10 pt a widget of up to 10 pt around the same centre, and leaves bigger ones alone", () => {
    const box = (x: number, side: number): DetectedField => ({ page: 0, type: "checkbox", box: { x, y: 100, width: side, height: side }, score: 0.9, source: "vector" });
    const fields = [box(100, 7.5), box(200, 12), box(300, 9), box(400, 5)];
    classifyFields(fields);
    expect(fields[0].box).toEqual({ x: 98.75, y: 98.75, width: 10, height: 10 });
    expect(fields[2].box).toEqual({ x: 299.5, y: 99.5, width: 10, height: 10 });
    // A tiny square grows only so far that a widget of its exact size still overlaps by half.
    expect(fields[3].box.width).toBeCloseTo(6.9, 5);
    expect(fields[3].box.x + fields[3].box.width / 2).toBeCloseTo(402.5, 5);
    expect(fields[1].box).toEqual({ x: 200, y: 100, width: 12, height: 12 });
  });
});
