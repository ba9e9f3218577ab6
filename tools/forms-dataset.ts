/**
 * Exports generated forms as detector training data: each page rendered, letterboxed to the model
 * input exactly as lib/forms/raster does at inference, saved as PNG, with its truth boxes in input
 * pixels in labels.jsonl ({image, seed, variant, page, dpi, boxes: [[x1, y1, x2, y2, class]]}).
 *
 *   npx tsx tools/forms-dataset.ts --split train --count 2000 --out training/work/data/train [--shard 0/2]
 *
 * Render resolution varies on purpose: production renders at FORMS_DPI (144 by default) and the
 * letterbox resamples, or renders straight at the input size; the model must see both.
 */
import fs from "node:fs";
import path from "node:path";
import { parseArgs } from "node:util";
import { createCanvas, ImageData } from "@napi-rs/canvas";
import { letterboxImage, pageBoxToInput } from "../lib/forms/raster";
import { createRng } from "../lib/forms/synthetic/random";
import { datasetVariant, generateForm, renderPdfPages, type Split, splitSeeds } from "../lib/forms/synthetic";
import type { FieldType } from "../lib/forms/types";

const CLASSES: FieldType[] = ["text", "checkbox", "signature"];

const { values } = parseArgs({
  options: {
    split: { type: "string", default: "train" },
    count: { type: "string", default: "100" },
    offset: { type: "string", default: "0" },
    out: { type: "string" },
    size: { type: "string", default: "800" },
    "scanned-share": { type: "string", default: "0.3" },
    shard: { type: "string", default: "0/1" },
  },
});

async function main() {
  const split = values.split as Split;
  const size = Number(values.size);
  const [shard, shards] = values.shard!.split("/").map(Number);
  const out = path.resolve(values.out ?? `training/work/data/${split}`);
  fs.mkdirSync(out, { recursive: true });
  // Resumes an interrupted export: keeps the rows of finished forms (all but the last seed written,
  // which may be partial) and regenerates from there; generation is deterministic per seed.
  const labelsPath = path.join(out, `labels.${shard}.jsonl`);
  const previous = fs.existsSync(labelsPath) ? fs.readFileSync(labelsPath, "utf8").split("\n").filter(Boolean).map((l) => JSON.parse(l) as { seed: number }) : [];
  const lastSeed = previous.at(-1)?.seed;
  const kept = previous.filter((r) => r.seed !== lastSeed);
  fs.writeFileSync(labelsPath, kept.map((r) => JSON.stringify(r) + "\n").join(""));
  const done = new Set(kept.map((r) => r.seed));
  const labels = fs.createWriteStream(labelsPath, { flags: "a" });
  const seeds = splitSeeds(split, Number(values.count), Number(values.offset)).filter((s, i) => i % shards === shard && !done.has(s));
  if (done.size) console.log(`${split} shard ${shard}: resuming after ${done.size} forms`);
  const started = Date.now();
  let pages = 0;
  for (const [i, seed] of seeds.entries()) {
    const variant = datasetVariant(seed, Number(values["scanned-share"]));
    const form = await generateForm(seed, { variant });
    const rng = createRng(seed, "dataset");
    for (const [index, pageSize] of form.pages.entries()) {
      const longest = Math.max(pageSize.width, pageSize.height);
      const mode = rng.weighted([["exact", 5], ["144", 3.5], ["random", 1.5]] as const);
      const dpi = mode === "exact" ? (size / longest) * 72 : mode === "144" ? 144 : rng.float(96, 220);
      const [image] = await renderPdfPages(form.pdf, { longSide: (longest * dpi) / 72, pages: [index] });
      const { image: input, geometry } = letterboxImage(image, size);
      const canvas = createCanvas(size, size);
      canvas.getContext("2d").putImageData(new ImageData(input.data as Uint8ClampedArray, size, size), 0, 0);
      const name = `${seed}-${index}.png`;
      fs.writeFileSync(path.join(out, name), await canvas.encode("png"));
      const boxes = form.truth
        .filter((f) => f.page === index)
        .map((f) => {
          const b = pageBoxToInput(f.box, geometry, image, pageSize);
          return [b.x1, b.y1, b.x2, b.y2].map((v) => Math.round(v * 100) / 100).concat(CLASSES.indexOf(f.type));
        });
      labels.write(JSON.stringify({ image: name, seed, variant, page: index, dpi: Math.round(dpi), boxes }) + "\n");
      pages++;
    }
    if ((i + 1) % 50 === 0) console.log(`${split} shard ${shard}: ${i + 1}/${seeds.length} forms, ${pages} pages, ${((Date.now() - started) / 1000).toFixed(0)} s`);
  }
  await new Promise<void>((resolve) => labels.end(resolve));
  console.log(`${split} shard ${shard}: done, ${seeds.length} forms, ${pages} pages in ${((Date.now() - started) / 1000).toFixed(0)} s`);
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
