import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { degrees, PDFCheckBox, PDFDict, PDFDocument, PDFName, PDFSignature, PDFString, PDFTextField, StandardFonts } from "pdf-lib";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Matrix } from "@/lib/pdf/geometry";
import { openPdf } from "@/lib/pdf/pdfjs";
import type { DetectedField } from "../types";
import { writeAcroForm } from "./write-acroform";

const field = (name: string, type: DetectedField["type"], box: DetectedField["box"], extra: Partial<DetectedField> = {}, page = 0): DetectedField => ({ page, name, type, box, score: 1, source: "vector", ...extra });

let dir: string;
let input: Uint8Array;
let transforms: Matrix[];

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "forms-write-"));
  const doc = await PDFDocument.create();
  const font = await doc.embedFont(StandardFonts.Helvetica);
  const first = doc.addPage([612, 792]);
  first.drawText("Name:", { x: 72, y: 700, size: 10, font });
  const existing = doc.getForm().createTextField("existing_name");
  existing.setText("keep me");
  existing.addToPage(first, { x: 300, y: 600, width: 150, height: 18 });
  const turned = doc.addPage([612, 792]);
  turned.setRotation(degrees(90));
  input = await doc.save();
  // What pdf.js reports for these pages (the detect stage records the same).
  const pdf = await openPdf(input.slice());
  transforms = [];
  for (let i = 1; i <= pdf.numPages; i++) transforms.push(Array.from((await pdf.getPage(i)).getViewport({ scale: 1 }).transform) as Matrix);
  await pdf.destroy();
});

afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

const fields: DetectedField[] = [
  field("full_name", "text", { x: 110, y: 78, width: 200, height: 16 }, { label: "Name" }),
  field("comments", "text", { x: 72, y: 120, width: 400, height: 80 }, { multiline: true, label: "Comments" }),
  field("zip_code", "text", { x: 72, y: 220, width: 75, height: 18 }, { comb: 5 }),
  field("existing_name", "text", { x: 72, y: 260, width: 100, height: 16 }),
  field("newsletter_yes", "checkbox", { x: 72, y: 300, width: 10, height: 10 }, { label: "Yes" }),
  field("applicant_signature", "signature", { x: 72, y: 340, width: 250, height: 24 }, { label: "Applicant signature" }),
  field("turned_field", "text", { x: 100, y: 50, width: 150, height: 16 }, {}, 1),
];

describe("writeAcroForm", () => {
  it("writes fields pdf-lib reads back with their types, flags and names, keeping the existing field", async () => {
    const { bytes, fieldCount } = await writeAcroForm(input, fields, transforms.map((transform) => ({ transform })));
    expect(fieldCount).toBe(fields.length);
    const form = (await PDFDocument.load(bytes)).getForm();
    const byName = new Map(form.getFields().map((f) => [f.getName(), f]));
    expect((byName.get("existing_name") as PDFTextField).getText()).toBe("keep me");
    // A detected field may not take an existing field's name.
    expect(byName.has("existing_name_2")).toBe(true);
    expect(byName.get("full_name")).toBeInstanceOf(PDFTextField);
    expect((byName.get("comments") as PDFTextField).isMultiline()).toBe(true);
    const zip = byName.get("zip_code") as PDFTextField;
    expect([zip.isCombed(), zip.getMaxLength()]).toEqual([true, 5]);
    expect(byName.get("newsletter_yes")).toBeInstanceOf(PDFCheckBox);
    expect(byName.get("applicant_signature")).toBeInstanceOf(PDFSignature);
  });

  it("gives every new widget an appearance, automatic size for single lines, the label as tooltip", async () => {
    const { bytes } = await writeAcroForm(input, fields, transforms.map((transform) => ({ transform })));
    const doc = await PDFDocument.load(bytes);
    const widgets = doc.getForm().getFields().flatMap((f) => f.acroField.getWidgets());
    for (const w of widgets) expect(w.dict.get(PDFName.of("AP"))).toBeDefined();
    const dict = (name: string) => doc.getForm().getField(name).acroField.dict;
    expect((dict("full_name").lookup(PDFName.of("DA")) as PDFString).decodeText()).toMatch(/ 0 Tf/);
    expect((dict("comments").lookup(PDFName.of("DA")) as PDFString).decodeText()).toMatch(/ 10 Tf/);
    expect(dict("full_name").lookup(PDFName.of("TU"))).toBeDefined();
    const ap = dict("newsletter_yes").lookup(PDFName.of("AP"), PDFDict).lookup(PDFName.of("N"), PDFDict);
    expect(ap.keys().map((k) => k.asString()).sort()).toEqual(["/Off", "/Yes"]);
  });

  it("passes qpdf --check, and pdf.js lists the fields with their types where they were detected", async () => {
    const { bytes } = await writeAcroForm(input, fields, transforms.map((transform) => ({ transform })));
    const file = path.join(dir, "out.pdf");
    fs.writeFileSync(file, bytes);
    const check = spawnSync("qpdf", ["--check", file], { encoding: "utf8" });
    expect(check.status, check.stdout + check.stderr).toBe(0);
    const pdf = await openPdf(bytes.slice());
    const objects = (await pdf.getFieldObjects()) as Record<string, { type: string; page: number }[]>;
    expect(objects.full_name[0].type).toBe("text");
    expect(objects.newsletter_yes[0].type).toBe("checkbox");
    expect(objects.applicant_signature[0].type).toBe("signature");
    // The rotated page: the widget lands on the detected box as the reader sees the page.
    const page = await pdf.getPage(2);
    const annotation = (await page.getAnnotations()).find((a: { fieldName?: string }) => a.fieldName === "turned_field") as { rect: number[] };
    const [x1, y1, x2, y2] = page.getViewport({ scale: 1 }).convertToViewportRectangle(annotation.rect);
    expect([Math.min(x1, x2), Math.min(y1, y2), Math.abs(x2 - x1), Math.abs(y2 - y1)].map((n) => Math.round(n))).toEqual([100, 50, 150, 16]);
    await pdf.destroy();
  });
});
