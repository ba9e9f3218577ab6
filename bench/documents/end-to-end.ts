/**
 * One end-to-end run for bench/documents/run.ts: a generated `pages`-page PDF is uploaded
 * (acceptDocument: the upload checks on the worker pool), extracted by documents-extract on the
 * engine, and the job awaited; then a second document the same way with the worker pool already up.
 * Prints one JSON line: seconds, pages/s, tables, CPU seconds (cold, and `warm`), peak RSS.
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { performance } from "node:perf_hooks";
import { setDatabase } from "@/lib/db";
import { createTestDatabase } from "@/lib/db/test-databases";
import { acceptDocument, createConfiguration, startExtraction } from "@/lib/documents";
import { documentUploadRequest } from "@/lib/documents/testing/env";
import { documentsPool } from "@/lib/documents/worker/pool";
import { startHarness, until } from "@/lib/engine/testing/harness";
import { resetEnvCache } from "@/lib/env";
import { LocalDiskStorage, setStorage } from "@/lib/storage";
import { createDocumentsExtract } from "@/inngest/functions/documents-extract";
import { generatedDocument } from "./generate";

async function main() {
  const pages = Number(process.argv[2] ?? 10);
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "conveyor-bench-documents-"));
  Object.assign(process.env, { DATA_DIR: dataDir, LOG_LEVEL: "warn" });
  resetEnvCache();
  setStorage(new LocalDiskStorage(path.join(dataDir, "files")));
  const database = await createTestDatabase();
  setDatabase(database);
  const h = await startHarness({ functions: (client) => [createDocumentsExtract(client)] });
  try {
    const workspace = await database.prisma.workspace.create({ data: { name: "Bench", slug: `bench-${Date.now()}` } });
    const user = await database.prisma.user.create({ data: { email: `bench-${Date.now()}@example.com` } });
    const caller = { workspaceId: workspace.id, userId: user.id };
    const config = await createConfiguration(workspace.id, user.id, { name: "bench", method: "auto", header_rows: 1, merge_across_pages: false });

    /** Upload -> extraction job succeeded, for one generated document. */
    const oneRun = async (seed: number) => {
      const { pdf, truth } = await generatedDocument(pages, seed);
      const cpu0 = process.cpuUsage();
      const t0 = performance.now();
      const doc = await acceptDocument(documentUploadRequest([{ name: "file", filename: `bench-${seed}.pdf`, data: pdf }]), caller);
      const uploaded = performance.now();
      const { job } = await startExtraction({ documentId: doc.id, configurationId: config.id }, caller, async (event, data) => {
        await h.send({ name: event.name, data } as never);
      });
      const done = await until(async () => {
        const j = await database.prisma.job.findUnique({ where: { id: job.id } });
        return j && ["succeeded", "failed"].includes(j.status) ? j : undefined;
      }, 600_000, "the extraction");
      const t1 = performance.now();
      const cpu = process.cpuUsage(cpu0);
      const cpuSeconds = (cpu.user + cpu.system) / 1e6;
      if (done.status !== "succeeded") throw new Error(`extraction failed: ${done.errorType} ${done.errorDetail}`);
      const seconds = (t1 - t0) / 1000;
      return {
        pdf_bytes: pdf.byteLength,
        tables_expected: truth.length,
        tables_found: (done.result as { table_count: number }).table_count,
        upload_seconds: +((uploaded - t0) / 1000).toFixed(2),
        seconds: +seconds.toFixed(2),
        pages_per_second: +(pages / seconds).toFixed(1),
        extraction_pages_per_second: +(pages / ((t1 - uploaded) / 1000)).toFixed(1),
        // All threads of the process (main, engine, pool): what the run cost whatever the machine's load.
        cpu_seconds: +cpuSeconds.toFixed(2),
        pages_per_cpu_second: +(pages / cpuSeconds).toFixed(1),
      };
    };

    // Cold: the first job of a fresh process boots the worker threads (pdf.js in each). Warm: the
    // next document, as a running server sees it (the pool stays up between jobs until idle).
    const cold = await oneRun(7);
    const warm = await oneRun(8);
    console.log(
      JSON.stringify({
        pages,
        ...cold,
        warm,
        worker_threads: documentsPool().size,
        peak_rss_mb: Math.round(process.resourceUsage().maxRSS / 1024),
      }),
    );
  } finally {
    await h.close();
    await documentsPool().close();
    setDatabase(undefined);
    await database.close();
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}

main().then(
  () => process.exit(0),
  (error) => {
    console.error(error);
    process.exit(1);
  },
);
