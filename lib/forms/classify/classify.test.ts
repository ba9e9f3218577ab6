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

  it("makes a box captioned for a middle initial a text field of the printed box, other small boxes stay checkboxes", () => {
    const box = (label: string): DetectedField => ({ page: 0, type: "checkbox", box: { x: 10, y: 10, width: 18, height: 15 }, score: 0.9, source: "vector", label });
    const fields = [box("MI"), box("M.I."), box("Middle initial"), box("Yes"), box("Minor")];
    classifyFields(fields);
    expect(fields.map((f) => f.type)).toEqual(["text", "text", "text", "checkbox", "checkbox"]);
    expect(fields[0].box).toEqual({ x: 10, y: 10, width: 18, height: 15 });
  });

  it("makes a box captioned for a count a text field, but not an option that mentions a number", () => {
    const box = (label: string): DetectedField => ({ page: 0, type: "checkbox", box: { x: 10, y: 10, width: 16, height: 14 }, score: 0.9, source: "vector", label });
    const fields = [box("x $1,000 ="), box("× 1,500 ="), box("# of dependents age 5 or"), box("Number of children"), box("X"), box("No"), box("6 months or more")];
    classifyFields(fields);
    expect(fields.map((f) => f.type)).toEqual(["text", "text", "text", "text", "checkbox", "checkbox", "checkbox"]);
  });

  it("makes the boxes under 'Do not put a check mark' text fields, not boxes elsewhere on the page", () => {
    const phrase = (t: string, x: number, y: number, width: number): Phrase => ({ text: t, box: { x, y, width, height: 8.9 }, base: y + 7.2, size: 8, bold: true });
    const box = (x: number, y: number): DetectedField => ({ page: 0, type: "checkbox", box: { x, y, width: 15, height: 12 }, score: 0.9, source: "vector" });
    // Arizona's exemptions: "Enter the number claimed. Do not put a check mark." over a column of boxes.
    const phrases = [phrase("Enter the number claimed. Do not put a check mark.", 87.6, 231.3, 200.1), phrase("Check the box if you filed an extension.", 60, 400, 150)];
    const fields = [box(73, 252.5), box(73, 276.5), box(239.8, 266.1), box(73, 412), box(400, 252.5)];
    classifyFields(fields, phrases);
    expect(fields.map((f) => f.type)).toEqual(["text", "text", "text", "checkbox", "checkbox"]);
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
    const phrases = [phrase("Amount", 40, 114), phrase("Total due", 400, 214), phrase("Signature of applicant", 100, 326), phrase("X", 92, 306), phrase("Applicant", 40, 414), phrase("Sign here", 150, 388)];
    classifyFields(fields, phrases);
    expect(fields.map((f) => f.type)).toEqual(["text", "text", "signature", "signature"]);
  });

  it("makes a signature line a signature field only where the page marks the spot to sign; other signature lines are text", () => {
    const phrase = (text: string, x: number, y: number, width = text.length * 5): Phrase => ({ text, box: { x, y, width, height: 10 }, base: y + 8, size: 10, bold: false });
    const line = (y: number, label: string, extra: Partial<DetectedField> = {}): DetectedField => ({ page: 0, type: "signature", box: { x: 150, y, width: 250, height: 18 }, score: 0.9, source: "vector", label, ...extra });
    const fields = [
      line(100, "Signature"), // an X printed at the start of the line
      line(200, "Signature"), // a "Sign here" flag to the left, on the line's row
      line(300, "Petitioner's signature"), // "Sign here" after the line's end
      line(400, "Signature of Debtor 1"), // a caption only: a typed name or ink in most authors' forms
      text("Your signature", 18, { box: { x: 150, y: 500, width: 250, height: 18 } }), // a text line labelled as a signature, no mark
      line(600, "Signature"), // an X far to the left belongs to something else
    ];
    const phrases = [
      phrase("x", 142, 104, 6),
      phrase("Signature", 250, 120),
      phrase("SIGN HERE", 40, 204),
      phrase("Signature", 250, 220),
      phrase("Petitioner's signature", 20, 304),
      phrase("\u2190 Sign here", 410, 302),
      phrase("Signature of Debtor 1", 150, 420),
      phrase("Your signature", 60, 504),
      phrase("X", 20, 604, 6),
      phrase("Signature", 250, 620),
    ];
    classifyFields(fields, phrases);
    expect(fields.map((f) => f.type)).toEqual(["signature", "signature", "signature", "text", "text", "text"]);
  });

  it("gives a signature field room to sign: 22 pt above its line, short of printed text over it, and leaves text fields as drawn", () => {
    const phrase = (text: string, x: number, y: number, width = text.length * 5): Phrase => ({ text, box: { x, y, width, height: 10 }, base: y + 8, size: 10, bold: false });
    const line = (y: number, type: DetectedField["type"] = "signature"): DetectedField => ({ page: 0, type, box: { x: 150, y, width: 250, height: 18 }, score: 0.9, source: "vector", label: "Signature" });
    const fields = [line(100), line(300), line(500, "text")];
    const phrases = [phrase("X", 142, 104, 6), phrase("Signature", 250, 120), phrase("Declaration text over the line", 150, 288), phrase("X", 142, 304, 6), phrase("Name", 60, 504)];
    classifyFields(fields, phrases);
    expect(fields.map((f) => [f.type, f.box.y, f.box.height])).toEqual([
      ["signature", 96, 22],
      ["signature", 298, 20],
      ["text", 500, 18],
    ]);
  });

  it("keeps an unmarked signature box a single-line text field however tall it is drawn", () => {
    const fields: DetectedField[] = [{ page: 0, type: "signature", box: { x: 150, y: 100, width: 220, height: 38 }, score: 0.9, source: "vector", label: "Signature of Applicant" }];
    classifyFields(fields, [{ text: "Signature of Applicant", box: { x: 150, y: 140, width: 90, height: 9 }, base: 148, size: 8, bold: false }]);
    expect(fields[0]).toMatchObject({ type: "text" });
    expect(fields[0].multiline).toBeUndefined();
  });

  it("types a line for a typed signature (/s/) as text even where the spot is marked", () => {
    const phrase = (text: string, x: number, y: number): Phrase => ({ text, box: { x, y, width: text.length * 5, height: 10 }, base: y + 8, size: 10, bold: false });
    const fields: DetectedField[] = [{ page: 0, type: "signature", box: { x: 150, y: 100, width: 250, height: 18 }, score: 0.9, source: "vector", label: "Signature /s/" }];
    classifyFields(fields, [phrase("X", 140, 104), phrase("Signature /s/", 60, 104)]);
    expect(fields[0].type).toBe("text");
  });

  it("leaves a detector's signature alone on a page without text (a scan), unless its label names something else", () => {
    const fields = [text(undefined, 24, { type: "signature", source: "raster" }), text("Printed name", 24, { type: "signature", source: "raster" })];
    classifyFields(fields, []);
    expect(fields.map((f) => f.type)).toEqual(["signature", "text"]);
  });

  it("gives checkboxes printed smaller than 10 pt a widget of up to 10 pt around the same centre, and bigger ones 5 % to spare", () => {
    const box = (x: number, side: number): DetectedField => ({ page: 0, type: "checkbox", box: { x, y: 100, width: side, height: side }, score: 0.9, source: "vector" });
    const fields = [box(100, 7.5), box(200, 12), box(300, 9), box(400, 5)];
    classifyFields(fields);
    expect(fields[0].box).toEqual({ x: 98.75, y: 98.75, width: 10, height: 10 });
    expect(fields[2].box).toEqual({ x: 299.5, y: 99.5, width: 10, height: 10 });
    // A tiny square grows only so far that a widget of its exact size still overlaps by half.
    expect(fields[3].box.width).toBeCloseTo(6.9, 5);
    expect(fields[3].box.x + fields[3].box.width / 2).toBeCloseTo(402.5, 5);
    expect(fields[1].box.width).toBeCloseTo(12.6, 5);
    expect(fields[1].box.height).toBeCloseTo(12.6, 5);
    expect(fields[1].box.x).toBeCloseTo(199.7, 5);
    expect(fields[1].box.y).toBeCloseTo(99.7, 5);
  });
});
