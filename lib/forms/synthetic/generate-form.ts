import { PDFDocument } from "pdf-lib";
import type { PageSize, TruthField } from "../types";
import { layoutForm } from "./layout";
import { createRng } from "./random";
import { scanForm } from "./scan";
import { pickStyle } from "./style";

export type FormVariant = "digital" | "scanned";

export type GenerateFormOptions = {
  /** "digital" (vector pages, the default) or "scanned" (image-only pages with scan artefacts). */
  variant?: FormVariant;
  /** Exact number of pages; by default 1-3, drawn from the seed. */
  pageCount?: number;
  pageSize?: keyof typeof PAGE_SIZES;
};

export type GeneratedForm = {
  seed: number;
  variant: FormVariant;
  pdf: Uint8Array;
  truth: TruthField[];
  pages: PageSize[];
};

export const PAGE_SIZES = {
  letter: { width: 612, height: 792 },
  a4: { width: 595.28, height: 841.89 },
  legal: { width: 612, height: 1008 },
} as const;

/**
 * A synthetic fillable-looking form and its ground truth, deterministic per (seed, options): the
 * same seed gives the same layout in both variants, so scanned and digital results compare.
 */
export async function generateForm(seed: number, options: GenerateFormOptions = {}): Promise<GeneratedForm> {
  const rng = createRng(seed, "form");
  const variant = options.variant ?? "digital";
  const sizeName = options.pageSize ?? rng.weighted([["letter", 6], ["a4", 4], ["legal", 0.5]] as const);
  const size: PageSize = { ...PAGE_SIZES[sizeName] };
  const pageCount = options.pageCount ?? rng.weighted([[1, 5], [2, 3], [3, 1]] as const);
  const doc = await PDFDocument.create({ updateMetadata: false });
  doc.setProducer("Conveyor synthetic forms");
  doc.setCreationDate(new Date(0));
  doc.setModificationDate(new Date(0));
  const style = await pickStyle(doc, rng.fork("style"));
  const truth: TruthField[] = [];
  layoutForm(doc, { rng: rng.fork("layout"), style }, size, pageCount, truth);
  const pdf = await doc.save();
  const pages = Array.from({ length: pageCount }, () => ({ ...size }));
  if (variant === "digital") return { seed, variant, pdf, truth, pages };
  const scanned = await scanForm({ pdf, truth, pages }, createRng(seed, "scan"));
  return { seed, variant, pdf: scanned.pdf, truth: scanned.truth, pages };
}
