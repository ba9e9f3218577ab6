import { classifyFields } from "../classify/classify-fields";
import { readJson, workPaths, writeFileAtomic } from "../files";
import { DEFAULT_FUSE, type FuseOptions, fuseFields } from "../fuse/fuse-fields";
import { coverage, iou } from "@/lib/pdf/geometry";
import { baseNames, labelFields, uniqueNames } from "../naming/name-fields";
import { orderFields } from "../order/reading-order";
import type { PageEvidence } from "../page/evidence";
import type { DetectedField, FieldType } from "../types";
import { impliedFields } from "../vector/implied-fields";
import type { FieldsFile } from "./fields-file";

export type DetectStageInput = {
  workDir: string;
  pageCount: number;
  fuse?: FuseOptions;
  onProgress?: (pageIndex: number, pageCount: number) => void | Promise<void>;
};

export type DetectSummary = {
  fieldCount: number;
  byType: Record<FieldType, number>;
  /** Fields the PDF already had (kept by the writer; no new field is placed over them). */
  existingFieldCount: number;
  /** Things a user should know, e.g. scanned pages that no raster detector could read. */
  warnings: string[];
};

/**
 * The detecting stage: per page, fuses the vector candidates and raster detections from the
 * rendering stage, drops fields the PDF already has, finds labels, settles types (signature,
 * multiline) and reading order, and names each field from its label; then makes names unique
 * across the document and writes `fields.json`. Only fields stay in memory between pages, never
 * the pages' text or geometry. Cheap (milliseconds a page): runs on the calling thread and yields
 * between pages.
 */
export async function detectPageFields(input: DetectStageInput): Promise<DetectSummary> {
  const paths = workPaths(input.workDir);
  const all: DetectedField[] = [];
  const pages: FieldsFile["pages"] = [];
  const reserved: string[] = [];
  let blindScans = 0;
  for (let index = 0; index < input.pageCount; index++) {
    const evidence = await readJson<PageEvidence>(paths.evidence(index));
    if (!evidence) throw new Error(`Page ${index + 1} has no evidence; run the rendering stage first`);
    pages.push({ index, size: evidence.size, transform: evidence.transform, rotation: evidence.rotation, preview: evidence.preview, scanned: evidence.scanned });
    reserved.push(...evidence.existing.map((w) => w.name).filter(Boolean));
    if (evidence.scanned && evidence.raster === null) blindScans++;
    all.push(...pageFields(evidence, input.fuse ?? DEFAULT_FUSE));
    await input.onProgress?.(index, input.pageCount);
    await new Promise((resolve) => setImmediate(resolve));
  }
  uniqueNames(all, reserved);
  const file: FieldsFile = { version: 1, pageCount: input.pageCount, pages, fields: all };
  await writeFileAtomic(paths.fields, JSON.stringify(file));
  const byType = { text: 0, checkbox: 0, signature: 0 } as Record<FieldType, number>;
  for (const f of all) byType[f.type]++;
  const warnings: string[] = [];
  if (blindScans > 0) warnings.push(`${blindScans} page(s) are scanned images and no raster detector is available; no fields were detected on them`);
  return { fieldCount: all.length, byType, existingFieldCount: new Set(reserved).size, warnings };
}

/** One page's final fields, in reading order, with base names. */
export function pageFields(evidence: PageEvidence, fuse: FuseOptions = DEFAULT_FUSE): DetectedField[] {
  const text = evidence.phrases.map((p) => p.box);
  const fused = fuseFields(evidence.index, evidence.candidates, evidence.raster, { scanned: evidence.scanned, text }, fuse);
  const fields = fused.filter((f) => !evidence.existing.some((w) => iou(w.box, f.box) > 0.3 || coverage(f.box, w.box) > 0.5));
  if (!evidence.scanned) {
    const taken = [...evidence.candidates, ...evidence.existing, ...fields].map((f) => f.box);
    fields.push(...impliedFields(evidence.index, evidence.phrases, taken, evidence.size.width));
  }
  labelFields(fields, evidence.phrases);
  classifyFields(fields, evidence.phrases);
  const ordered = orderFields(fields, new Map([[evidence.index, text]]));
  baseNames(ordered, evidence.phrases);
  return ordered;
}
