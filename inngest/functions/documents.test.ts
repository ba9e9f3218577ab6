import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { inngest } from "@/inngest/client";
import { apiRequest, createTestUser, type TestUser } from "@/lib/auth/testing";
import { useTestDatabase } from "@/lib/db/testing";
import { tablePdf } from "@/lib/documents/extract/testing/table-pdf";
import { documentUploadRequest, PRICES, twoTablePdf, useDocumentsTestEnv, type DocumentsTestEnv } from "@/lib/documents/testing/env";
import { documentsPool } from "@/lib/documents/worker/pool";
import { startHarness, until, type Harness } from "@/lib/engine/testing/harness";
import { POST as createConfig } from "@/app/api/v1/configurations/route";
import { POST as upload } from "@/app/api/v1/documents/route";
import { POST as startExtraction } from "@/app/api/v1/extractions/route";
import { createDocumentsExtract } from "./documents-extract";

const database = useTestDatabase();
let env: DocumentsTestEnv;
let h: Harness;
let alpha: TestUser;

beforeAll(async () => {
  env = useDocumentsTestEnv();
  alpha = await createTestUser();
  h = await startHarness({ functions: (client) => [createDocumentsExtract(client)] });
  vi.spyOn(inngest, "send").mockImplementation(async (payload) => h.send(payload as never));
}, 120_000);

afterAll(async () => {
  await h?.close();
  await documentsPool().close();
  env?.close();
});

async function run(pdf: Uint8Array, config: Record<string, unknown>) {
  const doc = await (await upload(documentUploadRequest([{ name: "file", filename: "r.pdf", data: pdf }], { apiKey: alpha.apiKey }))).json();
  const conf = await (await createConfig(apiRequest("/api/v1/configurations", { body: { name: "c", ...config }, as: alpha }))).json();
  const res = await startExtraction(apiRequest("/api/v1/extractions", { body: { document_id: doc.document_id, configuration_id: conf.configuration_id }, as: alpha }));
  const { job_id } = await res.json();
  const job = await until(async () => {
    const j = await database().prisma.job.findUnique({ where: { id: job_id } });
    return j && ["succeeded", "failed"].includes(j.status) ? j : undefined;
  }, 60_000, "the extraction to finish");
  return { job, events: await database().prisma.jobEvent.findMany({ where: { jobId: job_id }, orderBy: { id: "asc" } }) };
}

describe("documents-extract", () => {
  it("runs start, one step per batch and save on the engine: progress per page, tables saved, the job succeeds", async () => {
    const { job, events } = await run(await twoTablePdf(), { method: "auto" });
    expect(job).toMatchObject({ status: "succeeded", progress: 1, result: { table_count: 2, warnings: [] } });
    const pages = events.filter((e) => e.type === "progress" && e.stage === "extracting");
    expect(pages.map((e) => e.message)).toContain("1 of 1 pages extracted");
    expect(events.map((e) => e.type)).toEqual(expect.arrayContaining(["created", "started", "outputs.persisted", "succeeded"]));
    const timeline = await database().prisma.documentEvent.findMany({ where: { subjectType: "job", subjectId: job.id }, orderBy: { id: "asc" } });
    expect(timeline.map((e) => e.type)).toEqual(["job.created", "job.started", "job.outputs.persisted", "job.succeeded"]);
  });

  it("extracts 12 pages in two batches and merges a table continued across pages when configured", async () => {
    const body = Array.from({ length: 30 }, (_, i) => [`Row ${i + 1}`, String(i), "x"]);
    const pages = Array.from({ length: 12 }, (_, i) =>
      i === 10 ? { tables: [{ x: 72, y: 500, colWidths: [120, 60, 80], rowHeight: 20, rows: [PRICES[0], ...body.slice(0, 12)], ruled: true }] }
      : i === 11 ? { tables: [{ x: 72, y: 60, colWidths: [120, 60, 80], rowHeight: 20, rows: [PRICES[0], ...body.slice(12, 20)], ruled: true }] }
      : { tables: [], texts: [{ x: 72, y: 72, text: `Narrative page ${i + 1}` }] },
    );
    const { job } = await run(await tablePdf(pages), { method: "lattice", merge_across_pages: true });
    expect(job.status).toBe("succeeded");
    const tables = await database().prisma.extractedTable.findMany({ where: { jobId: job.id } });
    expect(tables).toHaveLength(1);
    expect(tables[0]).toMatchObject({ page: 11, pages: [11, 12], nRows: 21 });
  });
});
