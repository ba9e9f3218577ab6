import { PDFDocument } from "pdf-lib";
import { generateForm, type GeneratedForm, splitSeeds } from "@/lib/forms/synthetic";
import type { FormVariant } from "@/lib/forms/synthetic";

/** The held-out set: seeds from the generator's test split (never trained on), past the ones tests use. */
export const BENCH_OFFSET = 200_000;

export async function heldOutForms(variant: FormVariant, count: number, offset = BENCH_OFFSET): Promise<GeneratedForm[]> {
  const forms: GeneratedForm[] = [];
  for (const seed of splitSeeds("test", count, offset)) forms.push(await generateForm(seed, { variant }));
  return forms;
}

/** A document of exactly `pages` born-digital pages, copied from consecutive held-out forms. */
export async function longDocument(pages: number, offset = BENCH_OFFSET + 500_000): Promise<Uint8Array> {
  const doc = await PDFDocument.create();
  let seedIndex = 0;
  while (doc.getPageCount() < pages) {
    const [seed] = splitSeeds("test", 1, offset + seedIndex++);
    const form = await PDFDocument.load((await generateForm(seed)).pdf);
    const wanted = Math.min(form.getPageCount(), pages - doc.getPageCount());
    const copied = await doc.copyPages(form, Array.from({ length: wanted }, (_, i) => i));
    for (const page of copied) doc.addPage(page);
  }
  return doc.save();
}
