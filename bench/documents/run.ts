/**
 * `npm run bench:documents`: the documents pipeline's quality and speed.
 * 1. Quality: the ICDAR 2013 competition's adjacency-relation precision, recall and F1 on two
 *    development sets: generated tables with known cells, and camelot-dev/camelot's test PDFs with
 *    their expected tables (bench/documents/SOURCES.md). The ICDAR 2013 set itself is reserved for
 *    evaluation and is never read here.
 * 2. Speed and memory: upload -> extraction job succeeded on the real engine, DOCUMENTS_CONCURRENCY=2
 *    (two worker threads, the two-core target), for generated 1, 10 and 100-page born-digital PDFs,
 *    each in its own process so its peak RSS is its own.
 * Writes bench/results/documents.json. Uses TEST_DATABASE_URL when set, else an in-memory PGlite.
 */
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { camelotSet, generatedSet } from "./quality";

const root = path.resolve(__dirname, "..", "..");

function endToEnd(pages: number): Record<string, unknown> {
  const out = execFileSync(process.execPath, [path.join(root, "node_modules", "tsx", "dist", "cli.mjs"), path.join(__dirname, "end-to-end.ts"), String(pages)], {
    cwd: root,
    encoding: "utf8",
    env: { ...process.env, DOCUMENTS_CONCURRENCY: "2", LOG_LEVEL: "warn" },
    stdio: ["ignore", "pipe", "inherit"],
    timeout: 600_000,
  });
  return JSON.parse(out.trim().split("\n").pop()!);
}

async function main() {
  const load = { before: os.loadavg().map((x) => +x.toFixed(2)) };
  const started = new Date().toISOString();
  const generated = await generatedSet(20);
  console.log("generated set", generated);
  const camelot = await camelotSet();
  console.log("camelot set", camelot.configured, camelot.auto);
  const runs = [1, 10, 100].map((pages) => {
    const r = endToEnd(pages);
    console.log("end to end", r);
    return r;
  });
  const result = {
    started,
    machine: { cpus: os.cpus().length, model: os.cpus()[0]?.model, node: process.version, loadavg_before: load.before, loadavg_after: os.loadavg().map((x) => +x.toFixed(2)) },
    quality: { generated, camelot },
    end_to_end: runs,
  };
  fs.mkdirSync(path.join(root, "bench", "results"), { recursive: true });
  fs.writeFileSync(path.join(root, "bench", "results", "documents.json"), JSON.stringify(result, null, 2) + "\n");
  console.log("wrote bench/results/documents.json");
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
