/**
 * POST /api/v1/forms under concurrent uploads: time to the 202, next to what the same bytes cost
 * without the app: stream them to a file and open the PDF once (the same parser the upload check
 * uses), with the same concurrency in this process.
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { pipeline } from "node:stream/promises";
import { Readable } from "node:stream";
import { inspectPdfBytes } from "@/lib/pdf/inspect-pdf";
import { percentile } from "../engine/stats";

const round = (v: number | null) => (v === null ? null : Number(v.toFixed(1)));

function summary(ms: number[], wallMs: number) {
  return { count: ms.length, p50_ms: round(percentile(ms, 50)), p90_ms: round(percentile(ms, 90)), max_ms: round(percentile(ms, 100)), wall_ms: Math.round(wallMs) };
}

export async function uploadAll(base: string, key: string, pdf: Uint8Array, concurrency: number) {
  const statuses: number[] = [];
  const ms: number[] = [];
  const jobIds: string[] = [];
  const started = performance.now();
  await Promise.all(
    Array.from({ length: concurrency }, async (_, i) => {
      const form = new FormData();
      form.append("file", new Blob([Buffer.from(pdf)], { type: "application/pdf" }), `bench-${i}.pdf`);
      const t0 = performance.now();
      const res = await fetch(`${base}/api/v1/forms`, { method: "POST", headers: { "x-api-key": key }, body: form });
      const body = (await res.json()) as { job_id?: string };
      ms.push(performance.now() - t0);
      statuses.push(res.status);
      if (body.job_id) jobIds.push(body.job_id);
    }),
  );
  return { ...summary(ms, performance.now() - started), statuses: [...new Set(statuses)], jobIds };
}

/** The floor: write the bytes to disk as a stream, read them back and parse the PDF once. */
export async function diskFloor(pdf: Uint8Array, concurrency: number) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "conveyor-bench-floor-"));
  const ms: number[] = [];
  const started = performance.now();
  try {
    await Promise.all(
      Array.from({ length: concurrency }, async (_, i) => {
        const t0 = performance.now();
        const file = path.join(dir, `${i}.pdf`);
        const chunks = Array.from({ length: Math.ceil(pdf.length / 65536) }, (_, c) => Buffer.from(pdf.subarray(c * 65536, (c + 1) * 65536)));
        await pipeline(Readable.from(chunks), fs.createWriteStream(file, { mode: 0o600 }));
        await inspectPdfBytes(new Uint8Array(await fs.promises.readFile(file)), { maxPages: 500 });
        ms.push(performance.now() - t0);
      }),
    );
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
  return summary(ms, performance.now() - started);
}
