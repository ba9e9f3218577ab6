import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { PDFDocument } from "pdf-lib";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { isAppError } from "@/lib/errors";
import { toJobFailure } from "../errors";
import { matchFields } from "../eval";
import { workPaths } from "../files";
import { openPdf } from "@/lib/pdf/pdfjs";
import { generateForm, type GeneratedForm, splitSeeds } from "../synthetic";
import { FormsWorkerPool as WorkerPool } from "../worker/pool";
import { readFieldsFile } from "./cleanup";
import { inspectPdf } from "./inspect";
import { renderPages } from "./render-stage";
import { type FormsStage, runFormsPipeline } from "./run-pipeline";
import { writeFillablePdf } from "./write-stage";

let dir: string;
let pool: WorkerPool;
let form: GeneratedForm;

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "forms-pipeline-"));
  pool = new WorkerPool({ size: 2 });
  form = await generateForm(splitSeeds("test", 1, 500)[0], { pageCount: 2 });
  fs.writeFileSync(path.join(dir, "in.pdf"), form.pdf);
});

afterAll(async () => {
  await pool.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

describe("forms pipeline, end to end in process", () => {
  it("turns a generated flat form into a fillable PDF whose fields match the truth", { timeout: 120_000 }, async () => {
    const progress = new Map<FormsStage, Set<number>>();
    const result = await runFormsPipeline({
      inputPath: path.join(dir, "in.pdf"),
      workDir: path.join(dir, "work"),
      outputPath: path.join(dir, "out.pdf"),
      pool,
      raster: { enabled: false },
      onProgress: (stage, page) => (progress.get(stage) ?? progress.set(stage, new Set()).get(stage)!).add(page),
    });
    expect(result.render.pages.map((p) => p.preview)).toEqual(["previews/0001.jpg", "previews/0002.jpg"]);
    expect(fs.statSync(path.join(dir, "work", "previews", "0001.jpg")).size).toBeGreaterThan(1000);
    expect([...progress.get("rendering")!].sort()).toEqual([0, 1]);
    expect([...progress.get("detecting")!].sort()).toEqual([0, 1]);
    expect([...progress.get("writing")!].sort()).toEqual([0, 1]);

    const fields = (await readFieldsFile(path.join(dir, "work")))!.fields;
    const match = matchFields(fields, form.truth);
    expect(match.matches.length / form.truth.length).toBeGreaterThanOrEqual(0.9);
    expect(match.matches.length / fields.length).toBeGreaterThanOrEqual(0.9);
    const names = fields.map((f) => f.name!);
    expect(new Set(names).size).toBe(names.length);
    expect(names.every((n) => /^[a-z][a-z0-9_]*$/.test(n))).toBe(true);

    const out = fs.readFileSync(path.join(dir, "out.pdf"));
    const check = spawnSync("qpdf", ["--check", path.join(dir, "out.pdf")], { encoding: "utf8" });
    expect(check.status, check.stdout).toBe(0);
    expect((await PDFDocument.load(out)).getForm().getFields().map((f) => f.getName()).sort()).toEqual([...names].sort());
    const pdf = await openPdf(new Uint8Array(out));
    const objects = (await pdf.getFieldObjects()) as Record<string, { type: string }[]>;
    expect(Object.keys(objects).sort()).toEqual([...names].sort());
    await pdf.destroy();
  });

  it("adds nothing over fields a PDF already has, and keeps them, when a fillable PDF comes back", { timeout: 120_000 }, async () => {
    const first = path.join(dir, "out.pdf");
    const before = (await PDFDocument.load(fs.readFileSync(first))).getForm().getFields().length;
    const again = await runFormsPipeline({ inputPath: first, workDir: path.join(dir, "again"), outputPath: path.join(dir, "again.pdf"), pool, raster: { enabled: false } });
    expect(again.summary).toMatchObject({ hasAcroForm: true, existingFieldCount: before });
    expect(again.detect.existingFieldCount).toBe(before);
    expect(again.detect.fieldCount).toBeLessThanOrEqual(Math.ceil(before * 0.05));
    const after = (await PDFDocument.load(fs.readFileSync(path.join(dir, "again.pdf")))).getForm().getFields();
    expect(after.length).toBe(before + again.detect.fieldCount);
  });

  it("runs on vector evidence alone when no raster model is available, and says so for scanned pages", { timeout: 120_000 }, async () => {
    const scan = await generateForm(splitSeeds("test", 1, 501)[0], { variant: "scanned", pageCount: 1 });
    fs.writeFileSync(path.join(dir, "scan.pdf"), scan.pdf);
    const result = await runFormsPipeline({
      inputPath: path.join(dir, "scan.pdf"),
      workDir: path.join(dir, "scan"),
      outputPath: path.join(dir, "scan-out.pdf"),
      pool,
      raster: { enabled: true, overrides: { modelPath: path.join(dir, "no-such-model.onnx"), classes: ["text", "checkbox", "signature"] } },
    });
    expect(result.render).toMatchObject({ raster: "unavailable", scannedPages: 1 });
    expect(result.render.rasterError).toMatch(/not found/);
    expect(result.detect.warnings).toEqual([expect.stringMatching(/1 page\(s\) are scanned images/)]);
    expect(result.write.fieldCount).toBe(result.detect.fieldCount);
    expect(spawnSync("qpdf", ["--check", path.join(dir, "scan-out.pdf")]).status).toBe(0);
  });

  it("redoes only pages whose evidence is missing when the rendering stage is retried", { timeout: 60_000 }, async () => {
    const work = path.join(dir, "resume");
    const input = { inputPath: path.join(dir, "in.pdf"), workDir: work, pageCount: 2, pool, raster: { enabled: false } };
    await renderPages(input);
    const paths = workPaths(work);
    const kept = fs.statSync(paths.evidence(0)).mtimeMs;
    fs.rmSync(paths.evidence(1));
    const summary = await renderPages(input);
    expect(summary.pages).toHaveLength(2);
    expect(fs.statSync(paths.evidence(0)).mtimeMs).toBe(kept);
    expect(fs.existsSync(paths.evidence(1))).toBe(true);
  });

  it("reports typed errors across the worker boundary and leaves no partial output", async () => {
    const error = await inspectPdf(new Uint8Array(Buffer.from("%PDF-1.7\nnot really a pdf")), { maxPages: 10 }, pool).catch((e) => e);
    expect(isAppError(error)).toBe(true);
    expect(toJobFailure(error)).toMatchObject({ type: "PdfParseError" });
    const outputPath = path.join(dir, "never.pdf");
    await expect(writeFillablePdf({ inputPath: path.join(dir, "in.pdf"), workDir: path.join(dir, "no-such-work"), outputPath, pool })).rejects.toThrow();
    expect(fs.existsSync(outputPath)).toBe(false);
    expect(toJobFailure(new Error("ENOENT /secret/path"))).toEqual({ type: "InternalError", detail: expect.not.stringContaining("/secret") });
  });
});
