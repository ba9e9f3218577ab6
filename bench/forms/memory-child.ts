/**
 * Runs one document through the stages in a fresh process and prints the process's peak RSS (the
 * worker threads included: they share the process), so each document size gets its own peak.
 * Usage: tsx bench/forms/memory-child.ts <input.pdf> <workers>
 */
import path from "node:path";
import { FormsWorkerPool as WorkerPool } from "@/lib/forms";
import { runStages } from "./stages";

async function main() {
  const [inputPath, workers] = process.argv.slice(2);
  const pool = new WorkerPool({ size: Number(workers) || 2 });
  const dir = path.dirname(inputPath);
  const run = await runStages({ inputPath, workDir: path.join(dir, `work-${process.pid}`), outputPath: path.join(dir, `out-${process.pid}.pdf`), pool });
  await pool.close();
  const peakRssMb = Math.round(process.resourceUsage().maxRSS / 1024);
  process.stdout.write(`${JSON.stringify({ pages: run.pages, peakRssMb, totalMs: Math.round(run.totalMs), ms: run.ms })}\n`);
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
