import { PDFArray, PDFDocument, PDFName } from "pdf-lib";
import { describe, expect, it } from "vitest";
import { flattenForm, layoutKey, splitDocuments, widgetTruth } from "./index";

/** A one-page form (borderless widgets, so pdf-lib does not widen their rects): MediaBox 600 x 800, CropBox [50 100 550 700], the given /Rotate. */
async function formPdf(rotate: number): Promise<Uint8Array> {
  const doc = await PDFDocument.create();
  const page = doc.addPage([600, 800]);
  page.setCropBox(50, 100, 500, 600);
  page.node.set(PDFName.of("Rotate"), doc.context.obj(rotate));
  page.drawRectangle({ x: 100, y: 200, width: 150, height: 20, borderWidth: 1 });
  const form = doc.getForm();
  form.createTextField("name").addToPage(page, { x: 100, y: 200, width: 150, height: 20, borderWidth: 0 });
  form.createCheckBox("agree").addToPage(page, { x: 300, y: 300, width: 10, height: 10, borderWidth: 0 });
  const radio = form.createRadioGroup("colour");
  radio.addOptionToPage("red", page, { x: 300, y: 400, width: 12, height: 12, borderWidth: 0 });
  radio.addOptionToPage("blue", page, { x: 320, y: 400, width: 12, height: 12, borderWidth: 0 });
  form.createDropdown("state").addToPage(page, { x: 100, y: 500, width: 100, height: 18, borderWidth: 0 });
  form.createOptionList("pick").addToPage(page, { x: 100, y: 550, width: 100, height: 40, borderWidth: 0 });
  form.createButton("print").addToPage("Print", page, { x: 400, y: 600, width: 60, height: 20, borderWidth: 0 });
  form.createTextField("secret").addToPage(page, { x: 100, y: 250, width: 100, height: 20, hidden: true, borderWidth: 0 });
  form.createTextField("dot").addToPage(page, { x: 100, y: 280, width: 3, height: 3, borderWidth: 0 });
  form.createTextField("outside").addToPage(page, { x: 5, y: 5, width: 30, height: 20, borderWidth: 0 });
  return doc.save();
}

describe("widgetTruth", () => {
  it("keeps text, combo, checkbox and radio widgets and drops the rest, in displayed-page points", async () => {
    const truth = await widgetTruth(await formPdf(0));
    expect(truth.pages).toHaveLength(1);
    expect(truth.pages[0].size).toEqual({ width: 500, height: 600 });
    const byName = Object.fromEntries(truth.fields.map((f) => [`${f.label}:${f.box.x}`, f]));
    // x - 50 (crop box left), 700 - y (crop box top, y down).
    expect(byName["name:50"]).toMatchObject({ type: "text", box: { x: 50, y: 480, width: 150, height: 20 } });
    expect(byName["agree:250"]).toMatchObject({ type: "checkbox", box: { x: 250, y: 390, width: 10, height: 10 } });
    expect(byName["state:50"]).toMatchObject({ type: "text", box: { x: 50, y: 182, width: 100, height: 18 } });
    expect(truth.fields.filter((f) => f.label === "colour")).toHaveLength(2);
    expect(truth.fields.map((f) => f.label).sort()).toEqual(["agree", "colour", "colour", "name", "state"]);
    expect(truth.dropped).toEqual({ list_box: 1, push_button: 1, hidden: 1, tiny: 1, off_page: 1 });
  });

  it("applies /Rotate after the crop box, as the pipeline's renderer does", async () => {
    const r90 = await widgetTruth(await formPdf(90));
    expect(r90.pages[0]).toMatchObject({ size: { width: 600, height: 500 }, rotation: 90 });
    // Turned a quarter clockwise: displayed x runs up the page (y - 100), displayed y runs right (x - 50).
    expect(r90.fields.find((f) => f.label === "name")!.box).toEqual({ x: 100, y: 50, width: 20, height: 150 });
    const r180 = await widgetTruth(await formPdf(180));
    // Upside down: x from the crop box's right edge (550 - x), y from its bottom (y - 100).
    expect(r180.fields.find((f) => f.label === "name")!.box).toEqual({ x: 300, y: 100, width: 150, height: 20 });
    const r270 = await widgetTruth(await formPdf(270));
    expect(r270.pages[0].size).toEqual({ width: 600, height: 500 });
    // A quarter counter-clockwise: x from the crop box's top (700 - y), y from its right (550 - x).
    expect(r270.fields.find((f) => f.label === "name")!.box).toEqual({ x: 480, y: 300, width: 20, height: 150 });
  });
});

describe("flattenForm", () => {
  it("removes widgets and the AcroForm and keeps the page's drawing", async () => {
    const original = await formPdf(0);
    const flat = await flattenForm(original);
    expect(flat.removedWidgets).toBe(10);
    const doc = await PDFDocument.load(flat.pdf);
    expect(doc.catalog.has(PDFName.of("AcroForm"))).toBe(false);
    expect(doc.getPage(0).node.lookupMaybe(PDFName.of("Annots"), PDFArray)).toBeUndefined();
    const before = await PDFDocument.load(original);
    expect(doc.getPage(0).node.Contents()?.toString()).toBe(before.getPage(0).node.Contents()?.toString());
    expect((await widgetTruth(flat.pdf)).fields).toEqual([]);
  });
});

describe("splitDocuments and layoutKey", () => {
  it("splits each repository by a seeded order, the same every time", () => {
    const sources = Array.from({ length: 20 }, (_, i) => ({ repo: i < 10 ? "a/x" : "b/y", sha256: i.toString(16).padStart(64, "0") }));
    const split = splitDocuments(sources, "seed", 0.3);
    expect(split.test).toHaveLength(6);
    expect(split.dev).toHaveLength(14);
    expect(split.test.filter((s) => Number.parseInt(s, 16) < 10)).toHaveLength(3);
    expect(splitDocuments([...sources].reverse(), "seed", 0.3)).toEqual(split);
    expect(splitDocuments(sources, "other", 0.3).test).not.toEqual(split.test);
  });

  it("keys layouts by page count, types and boxes to the point", () => {
    const f = { page: 0, type: "text" as const, box: { x: 10.2, y: 20, width: 100, height: 12 } };
    expect(layoutKey(1, [f])).toBe(layoutKey(1, [{ ...f, box: { ...f.box, x: 10.4 } }]));
    expect(layoutKey(1, [f])).not.toBe(layoutKey(2, [f]));
    expect(layoutKey(1, [f])).not.toBe(layoutKey(1, [{ ...f, type: "checkbox" }]));
  });
});
