/**
 * Exports the real-form set's dev split (tools/forms-real-set.ts) as detector training data, in the
 * format of tools/forms-dataset.ts: each page rendered, letterboxed to the model input as
 * lib/forms/raster does at inference, saved as PNG, truth boxes in input pixels in labels.0.jsonl.
 * The held-back test split is never read. Dev documents are divided once more, by a seeded order,
 * into `train` and `validation` (the validation part picks the checkpoint).
 *
 * Truth boxes with no ink near them on the flattened page (tools/forms-real-evidence.ts: fields
 * whose box only their widget drew) go to `ignore` instead of `boxes`: training neither teaches
 * them as fields nor as background, validation neither counts them as missed nor a prediction on
 * them as false. The counts per class are printed.
 *
 *   npx tsx tools/forms-real-dataset.ts --out training/work/real [--data /work/data/forms-real] [--validation-share 0.15] [--max-pages 12]
 */
import { createHash } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { parseArgs } from "node:util";
import { createCanvas, ImageData } from "@napi-rs/canvas";
import type { RealSplit, RealTruth } from "../lib/forms/realset";
import { letterboxImage, pageBoxToInput } from "../lib/forms/raster";
import { createRng } from "../lib/forms/synthetic/random";
import { hasEvidence } from "./forms-real-evidence";
import { renderPdfPages } from "../lib/forms/synthetic";
import type { FieldType } from "../lib/forms/types";

const CLASSES: FieldType[] = ["text", "checkbox", "signature"];

const { values } = parseArgs({
  options: {
    data: { type: "string", default: "/work/data/forms-real" },
    out: { type: "string", default: "training/work/real" },
    size: { type: "string", default: "800" },
    "validation-share": { type: "string", default: "0.15" },
    "max-pages": { type: "string", default: "12" },
  },
});

async function main() {
  const data = path.resolve(values.data!);
  const size = Number(values.size);
  const split = JSON.parse(fs.readFileSync(path.join(data, "split.json"), "utf8")) as RealSplit;
  const rank = (sha: string) => createHash("sha256").update(`forms-real-validation:${sha}`).digest("hex");
  const dev = [...split.dev].sort((a, b) => rank(a).localeCompare(rank(b)));
  const nVal = Math.round(dev.length * Number(values["validation-share"]));
  const parts = { validation: dev.slice(0, nVal), train: dev.slice(nVal) };
  const started = Date.now();
  for (const [part, shas] of Object.entries(parts)) {
    const out = path.resolve(values.out!, part);
    fs.rmSync(out, { recursive: true, force: true });
    fs.mkdirSync(out, { recursive: true });
    const labels: string[] = [];
    const kept = Object.fromEntries(CLASSES.map((c) => [c, 0]));
    const ignored = Object.fromEntries(CLASSES.map((c) => [c, 0]));
    for (const sha of shas) {
      const id = sha.slice(0, 16);
      const truth = JSON.parse(fs.readFileSync(path.join(data, "truth", `${id}.json`), "utf8")) as RealTruth;
      const pdf = new Uint8Array(fs.readFileSync(path.join(data, "flat", `${id}.pdf`)));
      // A numeric key per document: training sorts and caches rows by (seed, page).
      const seed = Number.parseInt(id.slice(0, 12), 16);
      const rng = createRng(seed, "real-dataset");
      // Long documents repeat their layouts; their first pages are enough and keep the set balanced.
      const pages = truth.pages.slice(0, Number(values["max-pages"]));
      for (const [index, pageSize] of pages.entries()) {
        const longest = Math.max(pageSize.size.width, pageSize.size.height);
        const mode = rng.weighted([["exact", 5], ["144", 3.5], ["random", 1.5]] as const);
        const dpi = mode === "exact" ? (size / longest) * 72 : mode === "144" ? 144 : rng.float(96, 220);
        let image;
        try {
          [image] = await renderPdfPages(pdf, { longSide: (longest * dpi) / 72, pages: [index] });
        } catch (error) {
          console.log(`${id} page ${index}: not rendered (${(error as Error).message})`);
          continue;
        }
        const { image: input, geometry } = letterboxImage(image, size);
        const canvas = createCanvas(size, size);
        canvas.getContext("2d").putImageData(new ImageData(input.data as Uint8ClampedArray, size, size), 0, 0);
        const name = `${id}-${index}.png`;
        fs.writeFileSync(path.join(out, name), await canvas.encode("png"));
        const { padX, padY, width, height } = geometry;
        const area = { x1: padX, y1: padY, x2: padX + width, y2: padY + height };
        const boxes: number[][] = [];
        const ignore: number[][] = [];
        for (const f of truth.fields.filter((field) => field.page === index)) {
          const b = pageBoxToInput(f.box, geometry, image, pageSize.size);
          const row = [b.x1, b.y1, b.x2, b.y2].map((v) => Math.round(v * 100) / 100).concat(CLASSES.indexOf(f.type));
          const seen = hasEvidence(input, b, area);
          (seen ? boxes : ignore).push(row);
          (seen ? kept : ignored)[f.type]++;
        }
        labels.push(JSON.stringify({ image: name, seed, variant: "real", page: index, dpi: Math.round(dpi), boxes, ignore }));
      }
    }
    fs.writeFileSync(path.join(out, "labels.real.jsonl"), labels.map((l) => `${l}\n`).join(""));
    console.log(`${part}: ${shas.length} documents, ${labels.length} pages, ${((Date.now() - started) / 1000).toFixed(0)} s`);
    const counts = CLASSES.map((c) => `${c} ${kept[c]} kept / ${ignored[c]} ignored`).join(", ");
    console.log(`${part}: truth boxes without visible evidence: ${counts}`);
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
