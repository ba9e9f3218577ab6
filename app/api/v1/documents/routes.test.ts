import { strFromU8, strToU8, unzipSync, zipSync } from "fflate";
import { parse } from "csv-parse/sync";
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { inngest } from "@/inngest/client";
import { apiRequest, createTestUser, routeParams, type TestUser } from "@/lib/auth/testing";
import { useTestDatabase } from "@/lib/db/testing";
import { extractBatch, saveExtraction, startExtractionRun } from "@/lib/documents";
import { tablesToXlsx } from "@/lib/documents/export/to-xlsx";
import { readXlsx } from "@/lib/documents/sheets/read-xlsx";
import { documentUploadRequest, encryptedPdf, PRICES, scannedPdf, STAFF, twoTablePdf, useDocumentsTestEnv, type DocumentsTestEnv } from "@/lib/documents/testing/env";
import { documentsPool } from "@/lib/documents/worker/pool";
import { storedFiles } from "@/lib/forms/jobs/testing";
import { GET as getJobEvents } from "../jobs/[id]/events/route";
import { GET as listJobTables } from "../jobs/[id]/tables/route";
import { GET as downloadAll } from "../jobs/[id]/tables/download/route";
import { GET as listConfigEvents } from "../configurations/[id]/events/route";
import { DELETE as deleteConfig, GET as getConfig, PATCH as patchConfig } from "../configurations/[id]/route";
import { GET as listConfigs, POST as createConfig } from "../configurations/route";
import { GET as downloadExport } from "../exports/[id]/download/route";
import { GET as extractionEvents } from "../extractions/[id]/events/route";
import { POST as startExtraction } from "../extractions/route";
import { GET as tableEvents } from "../tables/[id]/events/route";
import { POST as createExport } from "../tables/[id]/exports/route";
import { GET as getTable } from "../tables/[id]/route";
import { GET as downloadDocument } from "./[id]/download/route";
import { GET as documentEvents } from "./[id]/events/route";
import { GET as preview } from "./[id]/pages/[page]/preview/route";
import { DELETE as deleteDocument, GET as getDocument } from "./[id]/route";
import { GET as documentTables } from "./[id]/tables/route";
import { GET as listDocuments, POST as upload } from "./route";

const database = useTestDatabase();
let env: DocumentsTestEnv;
let alpha: TestUser;
let beta: TestUser;
const sent: { name: string; data: { job_id: string; workspace_id: string } }[] = [];

beforeAll(async () => {
  env = useDocumentsTestEnv({ DOCUMENTS_MAX_BYTES: "256KB" });
  [alpha, beta] = [await createTestUser(), await createTestUser()];
  vi.spyOn(inngest, "send").mockImplementation(async (payload) => {
    sent.push(payload as never);
    return { ids: ["evt"] };
  });
});

afterAll(async () => {
  await documentsPool().close();
  env?.close();
});

beforeEach(() => {
  sent.length = 0;
});

async function expectError(res: Response, status: number, type: string) {
  const body = await res.json();
  expect(res.status, JSON.stringify(body)).toBe(status);
  expect(body).toMatchObject({ error: { type, message: expect.any(String) }, request_id: expect.any(String) });
  return body;
}

const file = (data: Uint8Array, filename = "report.pdf") => ({ name: "file", filename, data });
const p = (id: string) => routeParams({ id });

async function uploaded(data: Uint8Array, filename = "report.pdf", as = alpha): Promise<{ document_id: string; pages: number; content_type: string }> {
  const res = await upload(documentUploadRequest([file(data, filename)], { apiKey: as.apiKey }));
  const body = await res.json();
  expect(res.status, JSON.stringify(body)).toBe(201);
  return body;
}

async function configuration(body: Record<string, unknown> = { name: "Default" }, as = alpha): Promise<string> {
  const res = await createConfig(apiRequest("/api/v1/configurations", { body, as }));
  expect(res.status).toBe(201);
  return (await res.json()).configuration_id;
}

/** Queues an extraction through the route, then runs the function's stages as the engine would. */
async function extracted(documentId: string, configurationId: string): Promise<string> {
  const res = await startExtraction(apiRequest("/api/v1/extractions", { body: { document_id: documentId, configuration_id: configurationId }, as: alpha }));
  const body = await res.json();
  expect(res.status, JSON.stringify(body)).toBe(202);
  const ref = { jobId: body.job_id, workspaceId: alpha.workspace.id };
  const plan = await startExtractionRun(ref);
  for (let i = 0; i < plan.batches.length; i++) await extractBatch(ref, plan, i);
  await saveExtraction(ref, plan);
  return body.job_id;
}

async function counts() {
  const { prisma } = database();
  return { documents: await prisma.document.count(), files: await prisma.storedFile.count(), onDisk: storedFiles(env.storage.root).length };
}

describe("POST /api/v1/documents", () => {
  it("stores a PDF, CSV and XLSX recognised by their bytes (201) with the uploaded event", async () => {
    const pdf = await uploaded(await twoTablePdf(), "Q3 report.pdf");
    expect(pdf).toEqual({ document_id: expect.any(String), filename: "Q3 report.pdf", content_type: "application/pdf", size: expect.any(Number), pages: 1, sha256: expect.stringMatching(/^[0-9a-f]{64}$/), created_at: expect.any(String) });
    const csv = await uploaded(Buffer.from("a,b\n1,2\n"), "data.txt");
    expect(csv).toMatchObject({ content_type: "text/csv", pages: 1 });
    const xlsx = await uploaded(tablesToXlsx([{ name: "One", rows: [["x"]] }, { name: "Two", rows: [["y"]] }]), "book.bin");
    expect(xlsx).toMatchObject({ content_type: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", pages: 2 });
    const events = await (await documentEvents(apiRequest(`/api/v1/documents/${pdf.document_id}/events`, { as: alpha }), p(pdf.document_id))).json();
    expect(events.items).toEqual([expect.objectContaining({ type: "document.uploaded", subject_type: "document", data: expect.objectContaining({ format: "pdf", pages: 1 }) })]);
  });

  it("refuses, keeping nothing: another type 415, empty 422, too large 413, encrypted 422, unreadable 422, a ZIP that is no workbook 415", async () => {
    const before = await counts();
    const png = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.alloc(64, 1)]);
    await expectError(await upload(documentUploadRequest([file(png, "x.pdf")], { apiKey: alpha.apiKey })), 415, "UnsupportedMediaTypeError");
    await expectError(await upload(documentUploadRequest([file(Buffer.alloc(0))], { apiKey: alpha.apiKey })), 422, "EmptyFileError");
    await expectError(await upload(documentUploadRequest([file(Buffer.concat([Buffer.from("%PDF-1.7\n"), Buffer.alloc(300 * 1024, 32)]))], { apiKey: alpha.apiKey })), 413, "PayloadTooLargeError");
    const locked = await expectError(await upload(documentUploadRequest([file(await encryptedPdf())], { apiKey: alpha.apiKey })), 422, "EncryptedPdfError");
    expect(locked.error.message).toMatch(/encrypted|password/);
    await expectError(await upload(documentUploadRequest([file(Buffer.from("%PDF-1.7\nthis is not a pdf at all\n%%EOF"))], { apiKey: alpha.apiKey })), 422, "PdfParseError");
    await expectError(await upload(documentUploadRequest([file(zipSync({ "a.txt": strToU8("hi") }), "book.xlsx")], { apiKey: alpha.apiKey })), 415, "UnsupportedMediaTypeError");
    await expectError(await upload(documentUploadRequest([file(zipSync({ "xl/workbook.xml": strToU8("<workbook><sheets>") }), "book.xlsx")], { apiKey: alpha.apiKey })), 422, "SpreadsheetParseError");
    await expectError(await upload(documentUploadRequest([{ name: "other", filename: "a.csv", data: Buffer.from("a") }], { apiKey: alpha.apiKey })), 422, "ValidationError");
    await expectError(await upload(new Request("http://localhost/api/v1/documents", { method: "POST", body: "a,b", headers: { "x-api-key": alpha.apiKey, "content-type": "text/csv" } })), 415, "UnsupportedMediaTypeError");
    expect(await counts()).toEqual(before);
  });
});

describe("documents", () => {
  it("lists newest first with a cursor, downloads the bytes, and hides other workspaces' (404)", async () => {
    const bytes = Buffer.from("name,qty\nbolts,10\n");
    const doc = await uploaded(bytes, "parts.csv");
    const first = await (await listDocuments(apiRequest("/api/v1/documents?limit=1", { as: alpha }))).json();
    expect(first.items.map((d: { document_id: string }) => d.document_id)).toEqual([doc.document_id]);
    const second = await (await listDocuments(apiRequest(`/api/v1/documents?limit=1&cursor=${first.next_cursor}`, { as: alpha }))).json();
    expect(second.items[0].document_id).not.toBe(doc.document_id);
    const res = await downloadDocument(apiRequest(`/api/v1/documents/${doc.document_id}/download`, { as: alpha }), p(doc.document_id));
    expect(Buffer.from(await res.arrayBuffer())).toEqual(bytes);
    expect((await getDocument(apiRequest(`/api/v1/documents/${doc.document_id}`, { as: alpha }), p(doc.document_id))).status).toBe(200);
    for (const handler of [getDocument, downloadDocument, documentEvents, documentTables, deleteDocument]) {
      await expectError(await handler(apiRequest(`/api/v1/documents/${doc.document_id}`, { as: beta, method: handler === deleteDocument ? "DELETE" : "GET" }), p(doc.document_id)), 404, "NotFoundError");
    }
    expect((await (await listDocuments(apiRequest("/api/v1/documents", { as: beta }))).json()).items).toEqual([]);
    await expectError(await listDocuments(apiRequest("/api/v1/documents?cursor=nonsense!", { as: alpha })), 422, "ValidationError");
  });
});

describe("configurations", () => {
  it("creates version 1, adds a version per PATCH, keeps the history and the timeline", async () => {
    const res = await createConfig(apiRequest("/api/v1/configurations", { body: { name: "Reports", method: "lattice", pages: "1-3,7" }, as: alpha }));
    const created = await res.json();
    expect(res.status).toBe(201);
    expect(created).toMatchObject({ name: "Reports", version: 1, method: "lattice", pages: "1-3,7", header_rows: 1, merge_across_pages: false });
    const id = created.configuration_id;
    const patched = await (await patchConfig(apiRequest(`/api/v1/configurations/${id}`, { method: "PATCH", body: { method: "stream", merge_across_pages: true }, as: alpha }), p(id))).json();
    expect(patched).toMatchObject({ version: 2, method: "stream", pages: "1-3,7", merge_across_pages: true });
    expect(patched.versions.map((v: { version: number; method: string }) => [v.version, v.method])).toEqual([[2, "stream"], [1, "lattice"]]);
    const one = await (await getConfig(apiRequest(`/api/v1/configurations/${id}`, { as: alpha }), p(id))).json();
    expect(one.versions).toHaveLength(2);
    const list = await (await listConfigs(apiRequest("/api/v1/configurations", { as: alpha }))).json();
    expect(list.items.find((c: { configuration_id: string }) => c.configuration_id === id)).toMatchObject({ version: 2 });
    const events = await (await listConfigEvents(apiRequest(`/api/v1/configurations/${id}/events`, { as: alpha }), p(id))).json();
    expect(events.items.map((e: { type: string }) => e.type)).toEqual(["configuration.created", "configuration.updated"]);
    await expectError(await getConfig(apiRequest(`/api/v1/configurations/${id}`, { as: beta }), p(id)), 404, "NotFoundError");
    await expectError(await patchConfig(apiRequest(`/api/v1/configurations/${id}`, { method: "PATCH", body: { name: "x" }, as: beta }), p(id)), 404, "NotFoundError");
    expect((await deleteConfig(apiRequest(`/api/v1/configurations/${id}`, { method: "DELETE", as: alpha }), p(id))).status).toBe(204);
    await expectError(await getConfig(apiRequest(`/api/v1/configurations/${id}`, { as: alpha }), p(id)), 404, "NotFoundError");
  });

  it("answers 422 for unknown fields and methods, bad page ranges and empty changes", async () => {
    for (const body of [{ name: "x", method: "ocr" }, { name: "x", colour: "red" }, { name: "x", pages: "3-1" }, { name: "x", pages: "all" }, { name: "" }, { method: "auto" }, { name: "x", header_rows: -1 }]) {
      const res = await createConfig(apiRequest("/api/v1/configurations", { body, as: alpha }));
      const error = await expectError(res, 422, "ValidationError");
      expect(error.error.details.length).toBeGreaterThan(0);
    }
    const id = await configuration();
    await expectError(await patchConfig(apiRequest(`/api/v1/configurations/${id}`, { method: "PATCH", body: {}, as: alpha }), p(id)), 422, "ValidationError");
    await expectError(await patchConfig(apiRequest(`/api/v1/configurations/${id}`, { method: "PATCH", body: { method: "magic" }, as: alpha }), p(id)), 422, "ValidationError");
  });
});

describe("extractions, tables and exports", () => {
  it("extracts both tables of a page, with the job's timeline, tables, CSV/XLSX/ZIP exports and previews", async () => {
    const doc = await uploaded(await twoTablePdf());
    const config = await configuration({ name: "Auto", method: "auto" });
    const jobId = await extracted(doc.document_id, config);
    expect(sent).toEqual([expect.objectContaining({ name: "documents/extraction.requested", data: { job_id: jobId, workspace_id: alpha.workspace.id } })]);

    const tables = (await (await listJobTables(apiRequest(`/api/v1/jobs/${jobId}/tables`, { as: alpha }), p(jobId))).json()).items;
    expect(tables).toHaveLength(2);
    expect(tables[0]).toMatchObject({ page: 1, index: 0, n_rows: 4, n_cols: 3, method: "lattice", page_width: 612, page_height: 792 });
    expect(tables[0].bbox.x0).toBeCloseTo(72, 0);
    const ruled = await (await getTable(apiRequest(`/api/v1/tables/${tables[0].table_id}`, { as: alpha }), p(tables[0].table_id))).json();
    expect(ruled).toMatchObject({ document_id: doc.document_id, job_id: jobId, rows: PRICES, header_rows: 1 });
    const unruled = await (await getTable(apiRequest(`/api/v1/tables/${tables[1].table_id}`, { as: alpha }), p(tables[1].table_id))).json();
    expect(unruled.rows).toEqual(STAFF);

    const timeline = (await (await extractionEvents(apiRequest(`/api/v1/extractions/${jobId}/events`, { as: alpha }), p(jobId))).json()).items;
    expect(timeline.map((e: { type: string }) => e.type)).toEqual(["job.created", "job.started", "job.outputs.persisted", "job.succeeded"]);
    expect(timeline[2].data).toEqual({ table_count: 2 });
    const shared = (await (await getJobEvents(apiRequest(`/api/v1/jobs/${jobId}/events`, { as: alpha }), p(jobId))).json()).data;
    expect(shared.map((e: { type: string }) => e.type)).toEqual(expect.arrayContaining(["created", "started", "progress", "outputs.persisted", "succeeded"]));

    const csvExport = await createExport(apiRequest(`/api/v1/tables/${tables[0].table_id}/exports`, { body: { format: "csv" }, as: alpha }), p(tables[0].table_id));
    const exported = await csvExport.json();
    expect(csvExport.status).toBe(201);
    expect(exported.download_url).toMatch(new RegExp(`/api/v1/exports/${exported.export_id}/download$`));
    const csv = await downloadExport(apiRequest(`/api/v1/exports/${exported.export_id}/download`, { as: alpha }), p(exported.export_id));
    expect(csv.headers.get("content-type")).toBe("text/csv; charset=utf-8");
    const text = await csv.text();
    expect(text).toContain("\r\n");
    expect(parse(text)).toEqual(PRICES);
    await expectError(await downloadExport(apiRequest(`/api/v1/exports/${exported.export_id}/download`, { as: beta }), p(exported.export_id)), 404, "NotFoundError");

    const xlsxExport = await (await createExport(apiRequest(`/api/v1/tables/${tables[1].table_id}/exports`, { body: { format: "xlsx" }, as: alpha }), p(tables[1].table_id))).json();
    const xlsx = await downloadExport(apiRequest(`/api/v1/exports/${xlsxExport.export_id}/download`, { as: alpha }), p(xlsxExport.export_id));
    expect(readXlsx(new Uint8Array(await xlsx.arrayBuffer()), { maxCells: 1000, maxSheets: 5 })[0].rows).toEqual(STAFF);
    await expectError(await createExport(apiRequest(`/api/v1/tables/${tables[0].table_id}/exports`, { body: { format: "pdf" }, as: alpha }), p(tables[0].table_id)), 422, "ValidationError");
    const tableTimeline = (await (await tableEvents(apiRequest(`/api/v1/tables/${tables[0].table_id}/events`, { as: alpha }), p(tables[0].table_id))).json()).items;
    expect(tableTimeline.map((e: { type: string }) => e.type)).toEqual(["export.created"]);

    const zip = await downloadAll(apiRequest(`/api/v1/jobs/${jobId}/tables/download`, { as: alpha }), p(jobId));
    const entries = unzipSync(new Uint8Array(await zip.arrayBuffer()));
    expect(Object.keys(entries)).toEqual(["table-1-page-1.csv", "table-2-page-1.csv"]);
    expect(parse(strFromU8(entries["table-2-page-1.csv"]))).toEqual(STAFF);
    const book = await downloadAll(apiRequest(`/api/v1/jobs/${jobId}/tables/download?format=xlsx`, { as: alpha }), p(jobId));
    expect(readXlsx(new Uint8Array(await book.arrayBuffer()), { maxCells: 1000, maxSheets: 5 }).map((s) => s.rows)).toEqual([PRICES, STAFF]);
    const jobTimeline = (await (await extractionEvents(apiRequest(`/api/v1/extractions/${jobId}/events`, { as: alpha }), p(jobId))).json()).items;
    expect(jobTimeline.filter((e: { type: string }) => e.type === "export.created")).toHaveLength(4);

    const image = await preview(apiRequest(`/api/v1/documents/${doc.document_id}/pages/1/preview`, { as: alpha }), routeParams({ id: doc.document_id, page: "1" }));
    expect(image.headers.get("content-type")).toBe("image/jpeg");
    expect(Buffer.from(await image.arrayBuffer()).subarray(0, 2)).toEqual(Buffer.from([0xff, 0xd8]));
    await expectError(await preview(apiRequest(`/api/v1/documents/${doc.document_id}/pages/2/preview`, { as: alpha }), routeParams({ id: doc.document_id, page: "2" })), 404, "NotFoundError");

    for (const [handler, id] of [[listJobTables, jobId], [extractionEvents, jobId], [getTable, tables[0].table_id], [tableEvents, tables[0].table_id], [downloadAll, jobId]] as const) {
      await expectError(await handler(apiRequest(`/x/${id}`, { as: beta }), p(id)), 404, "NotFoundError");
    }
    const docTables = (await (await documentTables(apiRequest(`/api/v1/documents/${doc.document_id}/tables`, { as: alpha }), p(doc.document_id))).json()).items;
    expect(docTables).toHaveLength(2);

    // Deleting the document removes its tables, exports and their files; the job stays.
    const filesBefore = storedFiles(env.storage.root).length;
    expect((await deleteDocument(apiRequest(`/api/v1/documents/${doc.document_id}`, { method: "DELETE", as: alpha }), p(doc.document_id))).status).toBe(204);
    const { prisma } = database();
    expect(await prisma.extractedTable.count({ where: { jobId } })).toBe(0);
    expect(await prisma.tableExport.count({ where: { jobId } })).toBe(0);
    expect(storedFiles(env.storage.root).length).toBe(filesBefore - 5);
    expect(await prisma.job.count({ where: { id: jobId } })).toBe(1);
    await expectError(await getTable(apiRequest(`/api/v1/tables/${tables[0].table_id}`, { as: alpha }), p(tables[0].table_id)), 404, "NotFoundError");
  });

  it("reads CSV and XLSX documents as tables (a sheet each, merged cells kept)", async () => {
    const config = await configuration();
    const csvDoc = await uploaded(Buffer.from("name;city\r\nZoë;Köln\r\n", "utf8"), "people.csv");
    const csvJob = await extracted(csvDoc.document_id, config);
    const [csvTable] = (await (await listJobTables(apiRequest(`/api/v1/jobs/${csvJob}/tables`, { as: alpha }), p(csvJob))).json()).items;
    expect(csvTable).toMatchObject({ method: "csv", bbox: null, n_rows: 2, n_cols: 2 });
    expect((await (await getTable(apiRequest("/x", { as: alpha }), p(csvTable.table_id))).json()).rows).toEqual([["name", "city"], ["Zoë", "Köln"]]);

    const book = tablesToXlsx([{ name: "Sales", rows: [["Region", "Total", ""], ["North", "1", "2"]], spans: [[0, 1, 1, 2]] }, { name: "Empty", rows: [] }]);
    const xlsxDoc = await uploaded(book, "sales.xlsx");
    const xlsxJob = await extracted(xlsxDoc.document_id, config);
    const items = (await (await listJobTables(apiRequest("/x", { as: alpha }), p(xlsxJob))).json()).items;
    expect(items).toHaveLength(1);
    const table = await (await getTable(apiRequest("/x", { as: alpha }), p(items[0].table_id))).json();
    expect(table).toMatchObject({ title: "Sales", rows: [["Region", "Total", ""], ["North", "1", "2"]], spans: [[0, 1, 1, 2]] });
  });

  it("ends a scanned page with a warning on the job, not an error", async () => {
    const doc = await uploaded(await scannedPdf(), "scan.pdf");
    const jobId = await extracted(doc.document_id, await configuration());
    const job = await database().prisma.job.findUniqueOrThrow({ where: { id: jobId } });
    expect(job.status).toBe("succeeded");
    expect(job.message).toMatch(/scanned page/);
    expect(job.result).toMatchObject({ table_count: 0, warnings: [expect.objectContaining({ type: "ScannedPageWarning", page: 1 }), expect.objectContaining({ type: "NoTablesWarning" })] });
  });

  it("starts nothing for another workspace's document or configuration (404) or a bad body (422)", async () => {
    const mine = await uploaded(Buffer.from("a,b\n"), "a.csv");
    const theirs = await uploaded(Buffer.from("a,b\n"), "b.csv", beta);
    const myConfig = await configuration();
    const theirConfig = await configuration({ name: "B" }, beta);
    await expectError(await startExtraction(apiRequest("/api/v1/extractions", { body: { document_id: theirs.document_id, configuration_id: myConfig }, as: alpha })), 404, "NotFoundError");
    await expectError(await startExtraction(apiRequest("/api/v1/extractions", { body: { document_id: mine.document_id, configuration_id: theirConfig }, as: alpha })), 404, "NotFoundError");
    await expectError(await startExtraction(apiRequest("/api/v1/extractions", { body: { document_id: mine.document_id }, as: alpha })), 422, "ValidationError");
    await expectError(await startExtraction(apiRequest("/api/v1/extractions", { body: { document_id: mine.document_id, configuration_id: myConfig, extra: 1 }, as: alpha })), 422, "ValidationError");
    expect(sent).toEqual([]);
  });
});
