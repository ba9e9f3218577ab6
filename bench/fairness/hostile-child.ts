/**
 * One hostile PDF through the upload check and, if accepted, its first page, in a fresh process;
 * prints the outcome, time and the process's peak RSS (worker threads included).
 * Usage: tsx bench/fairness/hostile-child.ts <file.pdf> <bounds: on|off>
 * "off" is the code before the bounds: no operator or stream limits at upload.
 */
import fs from "node:fs";
import path from "node:path";
import { FormsWorkerPool } from "@/lib/forms";
import { renderPages } from "@/lib/forms/pipeline/render-stage";
import { inspectPdfOnPool } from "@/lib/pdf/inspect";
import { pdfLimits } from "@/lib/pdf/settings";

async function main() {
  const [file, bounds] = process.argv.slice(2);
  const limits = pdfLimits();
  const pool = new FormsWorkerPool({ size: 1, taskTimeoutMs: limits.pageTimeoutMs, maxHeapMb: limits.workerMaxHeapMb });
  const started = performance.now();
  let outcome = "accepted";
  try {
    const bytes = new Uint8Array(fs.readFileSync(file));
    const checks = bounds === "on" ? { maxPageOperators: limits.maxPageOperators, maxStreamBytes: limits.maxStreamBytes } : {};
    await inspectPdfOnPool(pool, bytes, { maxPages: 500, ...checks });
    const workDir = path.join(path.dirname(file), `hostile-${process.pid}`);
    await renderPages({ inputPath: file, workDir, pageCount: 1, pool, raster: { enabled: false } });
    fs.rmSync(workDir, { recursive: true, force: true });
    outcome = "processed";
  } catch (error) {
    outcome = `${(error as { type?: string }).type ?? (error as Error).name}: ${(error as Error).message}`;
  }
  const ms = Math.round(performance.now() - started);
  await pool.close();
  process.stdout.write(`${JSON.stringify({ outcome, ms, peakRssMb: Math.round(process.resourceUsage().maxRSS / 1024) })}\n`);
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
