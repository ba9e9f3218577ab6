import { spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { inngest } from "@/inngest/client";
import { createTestUser, routeParams, type TestUser } from "@/lib/auth/testing";
import { useTestDatabase } from "@/lib/db/testing";
import { defaultPool } from "@/lib/forms";
import { formsJobPaths } from "@/lib/forms/jobs";
import { pdfPart, simpleFormPdf, storedFiles, uploadRequest, useFormsTestEnv, type FormsTestEnv } from "@/lib/forms/jobs/testing";
import { completeJob, createJob, startJob } from "@/lib/jobs";
import { GET as getFields, PUT as putFields } from "./[id]/fields/route";
import { GET as getPreview } from "./[id]/pages/[page]/preview/route";
import { POST as upload } from "./route";

const database = useTestDatabase();
let env: FormsTestEnv;
let alpha: TestUser;
let beta: TestUser;
let form: Uint8Array;
const MAX_BYTES = 1024 * 1024;

beforeAll(async () => {
  env = useFormsTestEnv({ FORMS_MAX_BYTES: String(MAX_BYTES), FORMS_MAX_PAGES: "3" });
  [alpha, beta] = [await createTestUser(), await createTestUser()];
  form = await simpleFormPdf(1);
}, 60_000);

afterAll(async () => {
  await defaultPool().close();
  env?.close();
});

beforeEach(async () => {
  await database().prisma.job.deleteMany({ where: { kind: "forms" } });
  await database().prisma.storedFile.deleteMany({});
  fs.rmSync(env.storage.root, { recursive: true, force: true });
});

async function expectError(res: Response, status: number, type: string) {
  const body = await res.json();
  expect(res.status, JSON.stringify(body)).toBe(status);
  expect(body).toMatchObject({ error: { type, message: expect.any(String) }, request_id: expect.any(String) });
  return body as { error: { details?: { path: string; message: string }[] & Record<string, unknown> } };
}

/** Refusals keep nothing: no bytes on disk (partials included), no file records, no job. */
async function expectNothingStored() {
  expect(storedFiles(env.storage.root)).toEqual([]);
  expect(await database().prisma.storedFile.count()).toBe(0);
  expect(await database().prisma.job.count({ where: { kind: "forms" } })).toBe(0);
}

function qpdfEncrypt(bytes: Uint8Array): Uint8Array {
  const input = path.join(env.dataDir, "plain.pdf");
  const output = path.join(env.dataDir, "locked.pdf");
  fs.writeFileSync(input, bytes);
  const result = spawnSync("qpdf", ["--encrypt", "user-pw", "owner-pw", "256", "--", input, output], { encoding: "utf8" });
  if (result.status !== 0) throw new Error(result.stderr);
  return fs.readFileSync(output);
}

/** A multipart body that streams `total` bytes of a PDF-looking file, counting what the server pulls. */
function endlessUpload(total: number) {
  const boundary = "conveyor-test-boundary";
  const head = Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="huge.pdf"\r\nContent-Type: application/pdf\r\n\r\n%PDF-1.7\n`);
  const counter = { pulled: 0 };
  let sent = 0;
  const body = new ReadableStream<Uint8Array>({
    pull(controller) {
      const chunk = sent === 0 ? head : Buffer.alloc(64 * 1024, 0x20);
      sent += chunk.length;
      counter.pulled += chunk.length;
      if (sent >= total) {
        controller.enqueue(Buffer.concat([chunk, Buffer.from(`\r\n--${boundary}--\r\n`)]));
        controller.close();
      } else controller.enqueue(chunk);
    },
  });
  const request = new Request("http://localhost/api/v1/forms", {
    method: "POST",
    body,
    headers: { "content-type": `multipart/form-data; boundary=${boundary}`, "x-api-key": alpha.apiKey },
    duplex: "half",
  } as RequestInit);
  return { request, counter };
}

describe("POST /api/v1/forms", () => {
  it("answers 202 with the job, records the upload and options (never bytes) and queues the event", async () => {
    const res = await upload(uploadRequest([pdfPart(form, "Lease application.pdf"), { name: "options", value: JSON.stringify({ dpi: 200, raster: false }) }], { as: alpha }));
    const body = await res.json();
    expect(res.status, JSON.stringify(body)).toBe(202);
    expect(body).toEqual({ job_id: expect.any(String), status: "queued", progress: 0 });
    expect(res.headers.get("location")).toMatch(new RegExp(`/api/v1/jobs/${body.job_id}$`));

    const job = await database().prisma.job.findUniqueOrThrow({ where: { id: body.job_id } });
    expect(job).toMatchObject({ kind: "forms", status: "queued", workspaceId: alpha.workspace.id, createdById: alpha.user.id });
    expect(job.input).toEqual({ filename: "Lease application.pdf", options: { dpi: 200, raster: false }, size: form.byteLength, page_count: 1, has_acroform: false, existing_field_count: 0 });
    const files = await database().prisma.storedFile.findMany({ where: { jobId: job.id } });
    expect(files).toMatchObject([{ purpose: "input", contentType: "application/pdf", filename: "Lease application.pdf", size: BigInt(form.byteLength) }]);
    expect(Buffer.compare(fs.readFileSync(env.storage.pathFor(files[0].storageKey)), Buffer.from(form))).toBe(0);

    const events = await database().sql.query<{ name: string; payload: { data: unknown }; workspace_id: string }>(`SELECT name, payload, workspace_id FROM engine_events WHERE name = 'forms/pdf.uploaded'`);
    expect(events.map((e) => e.payload.data)).toContainEqual({ job_id: job.id, workspace_id: alpha.workspace.id });
  });

  it("answers 401 without credentials or with a revoked key, storing nothing", async () => {
    await expectError(await upload(uploadRequest([pdfPart(form)])), 401, "UnauthorizedError");
    await expectError(await upload(uploadRequest([pdfPart(form)], { headers: { "x-api-key": "cvk_thisisnotarealkey0000000000000000000000" } })), 401, "UnauthorizedError");
    await expectNothingStored();
  });

  it("refuses a file that is not a PDF by its bytes with 415, whatever its name and type say", async () => {
    const gif = Buffer.concat([Buffer.from("GIF89a"), Buffer.alloc(4000, 1)]);
    await expectError(await upload(uploadRequest([{ name: "file", filename: "scan.pdf", data: gif, type: "application/pdf" }], { as: alpha })), 415, "UnsupportedMediaTypeError");
    await expectNothingStored();
  });

  it("refuses a body that is not multipart with 415", async () => {
    const req = new Request("http://localhost/api/v1/forms", { method: "POST", body: JSON.stringify({ file: "x" }), headers: { "content-type": "application/json", "x-api-key": alpha.apiKey } });
    await expectError(await upload(req), 415, "UnsupportedMediaTypeError");
    await expectNothingStored();
  });

  it("cuts a stream off with 413 once it passes FORMS_MAX_BYTES, reading little more than the limit", async () => {
    const { request, counter } = endlessUpload(50 * MAX_BYTES);
    const body = await expectError(await upload(request), 413, "PayloadTooLargeError");
    expect(body.error.details).toMatchObject({ limit_bytes: MAX_BYTES });
    expect(counter.pulled).toBeLessThan(MAX_BYTES + 1024 * 1024);
    await expectNothingStored();
  });

  it("refuses a declared Content-Length far over the limit before reading the body", async () => {
    const req = uploadRequest([pdfPart(form)], { as: alpha, headers: { "content-length": String(10 * MAX_BYTES) } });
    await expectError(await upload(req), 413, "PayloadTooLargeError");
    await expectNothingStored();
  });

  it.each([
    ["an empty file", () => new Uint8Array(0), "EmptyFileError"],
    ["an encrypted PDF", () => qpdfEncrypt(form), "EncryptedPdfError"],
    ["an unreadable PDF", () => Buffer.concat([Buffer.from("%PDF-1.7\n"), Buffer.alloc(3000, "x")]), "PdfParseError"],
  ])("refuses %s with 422", async (_name, bytes, type) => {
    await expectError(await upload(uploadRequest([pdfPart(bytes())], { as: alpha })), 422, type);
    await expectNothingStored();
  });

  it("refuses more pages than FORMS_MAX_PAGES with 422", async () => {
    const body = await expectError(await upload(uploadRequest([pdfPart(await simpleFormPdf(4))], { as: alpha })), 422, "TooManyPagesError");
    expect(body.error.details).toMatchObject({ pages: 4, limit_pages: 3 });
    await expectNothingStored();
  });

  it.each([
    ["no file part", () => [{ name: "options", value: "{}" }], "body.file"],
    ["two files", () => [pdfPart(form), pdfPart(form, "second.pdf")], "body.file"],
    ["the file as a text field", () => [{ name: "file", value: "%PDF-1.7" }], "body.file"],
    ["an unknown field", () => [pdfPart(form), { name: "colour", value: "blue" }], "body.colour"],
    ["an unknown file part", () => [{ name: "document", filename: "x.pdf", data: form }], "body.document"],
    ["options that are not JSON", () => [pdfPart(form), { name: "options", value: "{dpi: 200" }], "body.options"],
    ["a DPI out of range", () => [pdfPart(form), { name: "options", value: '{"dpi": 1200}' }], "body.options.dpi"],
    ["an unknown option", () => [{ name: "options", value: '{"keep_fields": false}' }, pdfPart(form)], "body.options"],
  ])("answers 422 naming the field for %s", async (_name, parts, field) => {
    const body = await expectError(await upload(uploadRequest(parts(), { as: alpha })), 422, "ValidationError");
    expect(body.error.details).toEqual(expect.arrayContaining([expect.objectContaining({ path: field, message: expect.any(String) })]));
    await expectNothingStored();
  });

  it("fails the job and removes its upload when the event cannot be sent, answering 503", async () => {
    const send = vi.spyOn(inngest, "send").mockRejectedValueOnce(new Error("engine down"));
    try {
      await expectError(await upload(uploadRequest([pdfPart(form)], { as: alpha })), 503, "ServiceUnavailableError");
    } finally {
      send.mockRestore();
    }
    const [job] = await database().prisma.job.findMany({ where: { kind: "forms" } });
    expect(job).toMatchObject({ status: "failed", errorType: "QueueUnavailableError" });
    expect(storedFiles(env.storage.root)).toEqual([]);
    expect(await database().prisma.storedFile.count()).toBe(0);
  });
});

describe("GET /api/v1/forms/{id}/fields and pages/{page}/preview", () => {
  const JPEG = Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), Buffer.alloc(200, 7)]);

  /** A forms job whose detection finished: fields.json and a preview, as the stages leave them. */
  async function detectedJob(owner: TestUser) {
    const job = await createJob({ workspaceId: owner.workspace.id, createdById: owner.user.id, kind: "forms", input: { filename: "a.pdf", options: {}, page_count: 2 } });
    const { workDir } = formsJobPaths({ jobId: job.id, workspaceId: owner.workspace.id });
    fs.mkdirSync(path.join(workDir, "previews"), { recursive: true });
    fs.writeFileSync(path.join(workDir, "previews", "0001.jpg"), JPEG);
    const page = (index: number) => ({ index, size: { width: 612, height: 792 }, transform: [1, 0, 0, -1, 0, 792], rotation: 0, preview: { file: `previews/000${index + 1}.jpg`, width: 850, height: 1100 }, scanned: false });
    const fields = [
      { page: 0, box: { x: 124.291, y: 115.4, width: 415.7, height: 17.6 }, type: "text", score: 0.9, source: "vector", label: "Full name", name: "full_name" },
      { page: 1, box: { x: 72, y: 264, width: 10, height: 10 }, type: "checkbox", score: 0.95, source: "fused", label: "Yes", name: "yes" },
    ];
    fs.writeFileSync(path.join(workDir, "fields.json"), JSON.stringify({ version: 1, pageCount: 2, pages: [page(0), page(1)], fields }));
    return job;
  }

  const as = (user: TestUser | undefined, url: string) => new Request(`http://localhost${url}`, { headers: user ? { "x-api-key": user.apiKey } : {} });
  const fieldsOf = (user: TestUser | undefined, id: string) => getFields(as(user, `/api/v1/forms/${id}/fields`), routeParams({ id }));
  const previewOf = (user: TestUser | undefined, id: string, page: string) => getPreview(as(user, `/api/v1/forms/${id}/pages/${page}/preview`), routeParams({ id, page }));

  it("gives the fields with 1-based pages, boxes in points and preview URLs", async () => {
    const job = await detectedJob(alpha);
    const res = await fieldsOf(alpha, job.id);
    expect(res.status).toBe(200);
    const body = await res.json();
    expect(body).toMatchObject({ job_id: job.id, status: "queued", page_count: 2, counts: { text: 1, checkbox: 1, signature: 0 }, warnings: [] });
    expect(body.pages[0]).toEqual({ page: 1, width: 612, height: 792, rotation: 0, scanned: false, preview_url: `/api/v1/forms/${job.id}/pages/1/preview`, preview_width: 850, preview_height: 1100 });
    expect(body.fields).toEqual([
      { name: "full_name", type: "text", page: 1, box: { x: 124.29, y: 115.4, width: 415.7, height: 17.6 }, label: "Full name", score: 0.9, source: "vector" },
      { name: "yes", type: "checkbox", page: 2, box: { x: 72, y: 264, width: 10, height: 10 }, label: "Yes", score: 0.95, source: "fused" },
    ]);
  });

  it("streams a page preview as JPEG; 404 past the last page, 409 before it is rendered", async () => {
    const job = await detectedJob(alpha);
    const res = await previewOf(alpha, job.id, "1");
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe("image/jpeg");
    expect(res.headers.get("cache-control")).toMatch(/^private/);
    expect(Buffer.compare(Buffer.from(await res.arrayBuffer()), JPEG)).toBe(0);
    await expectError(await previewOf(alpha, job.id, "3"), 404, "NotFoundError");
    await expectError(await previewOf(alpha, job.id, "2"), 409, "ConflictError");
    await expectError(await previewOf(alpha, job.id, "0"), 422, "ValidationError");
  });

  it("answers 409 before detection and for failed jobs", async () => {
    const job = await createJob({ workspaceId: alpha.workspace.id, createdById: alpha.user.id, kind: "forms", input: { page_count: 1 } });
    await expectError(await fieldsOf(alpha, job.id), 409, "ConflictError");
    const failed = await detectedJob(alpha);
    await database().prisma.job.update({ where: { id: failed.id }, data: { status: "failed" } });
    await expectError(await fieldsOf(alpha, failed.id), 409, "ConflictError");
    await expectError(await previewOf(alpha, failed.id, "1"), 409, "ConflictError");
  });

  it("answers 401 without credentials, 404 for another workspace's job, another pipeline's job and unknown ids", async () => {
    const mine = await detectedJob(alpha);
    const other = await createJob({ workspaceId: alpha.workspace.id, createdById: alpha.user.id, kind: "logbook" });
    await expectError(await fieldsOf(undefined, mine.id), 401, "UnauthorizedError");
    await expectError(await previewOf(undefined, mine.id, "1"), 401, "UnauthorizedError");
    await expectError(await fieldsOf(beta, mine.id), 404, "NotFoundError");
    await expectError(await previewOf(beta, mine.id, "1"), 404, "NotFoundError");
    await expectError(await fieldsOf(alpha, other.id), 404, "NotFoundError");
    await expectError(await previewOf(alpha, other.id, "1"), 404, "NotFoundError");
    await expectError(await fieldsOf(alpha, "nosuchjob"), 404, "NotFoundError");
  });

  it("answers 410 once retention expired the job", async () => {
    const job = await detectedJob(alpha);
    await database().prisma.job.update({ where: { id: job.id }, data: { expiredAt: new Date() } });
    await expectError(await fieldsOf(alpha, job.id), 410, "ResultExpiredError");
    await expectError(await previewOf(alpha, job.id, "1"), 410, "ResultExpiredError");
  });
});

describe("PUT /api/v1/forms/{id}/fields", () => {
  const page = (index: number, size = { width: 612, height: 792 }) => ({
    index,
    size,
    transform: [1, 0, 0, -1, 0, size.height],
    rotation: 0,
    preview: { file: `previews/000${index + 1}.jpg`, width: 850, height: 1100 },
    scanned: false,
  });
  const detected = [
    { page: 0, box: { x: 124.291, y: 115.4, width: 415.7, height: 17.6 }, type: "text", score: 0.9, source: "vector", label: "Full name", name: "full_name" },
    { page: 0, box: { x: 124, y: 150, width: 415, height: 17.6 }, type: "text", score: 0.8, source: "vector", label: "Email", name: "email" },
    { page: 1, box: { x: 72, y: 264, width: 10, height: 10 }, type: "checkbox", score: 0.95, source: "fused", label: "Yes", name: "yes" },
  ];

  /** A succeeded forms job with fields.json as detection leaves it (page 2 landscape). */
  async function finishedJob(owner: TestUser, status: "succeeded" | "running" | "failed" = "succeeded") {
    const job = await createJob({ workspaceId: owner.workspace.id, createdById: owner.user.id, kind: "forms", input: { filename: "a.pdf", options: {}, page_count: 2 } });
    const { workDir } = formsJobPaths({ jobId: job.id, workspaceId: owner.workspace.id });
    fs.mkdirSync(workDir, { recursive: true });
    fs.writeFileSync(path.join(workDir, "fields.json"), JSON.stringify({ version: 1, pageCount: 2, pages: [page(0), page(1, { width: 792, height: 612 })], fields: detected }));
    await startJob(job.id, { stage: "writing" });
    const result = { page_count: 2, field_count: 3, fields_by_type: { text: 2, checkbox: 1, signature: 0 }, warnings: ["one"] };
    if (status === "succeeded") await completeJob(job.id, { result, message: "Found 3 fields on 2 pages" });
    if (status === "failed") await database().prisma.job.update({ where: { id: job.id }, data: { status: "failed" } });
    return job;
  }

  const put = (user: TestUser | undefined, id: string, body: unknown) =>
    putFields(
      new Request(`http://localhost/api/v1/forms/${id}/fields`, {
        method: "PUT",
        headers: { "content-type": "application/json", ...(user ? { "x-api-key": user.apiKey } : {}) },
        body: typeof body === "string" ? body : JSON.stringify(body),
      }),
      routeParams({ id }),
    );
  const fieldsOf = async (user: TestUser, id: string) =>
    (await getFields(new Request(`http://localhost/api/v1/forms/${id}/fields`, { headers: { "x-api-key": user.apiKey } }), routeParams({ id }))).json();

  /** What GET gave, with the email field deleted, full_name renamed and moved, and a signature drawn. */
  async function editedList(id: string) {
    const got = (await fieldsOf(alpha, id)) as { fields: { name: string; box: { y: number } }[] };
    const [fullName, , yes] = got.fields;
    return [{ ...fullName, name: "applicant_name", box: { ...fullName.box, y: 120 } }, yes, { name: "signature", type: "signature", page: 1, box: { x: 72, y: 700, width: 250, height: 24 } }];
  }

  it("stores the edit, reopens the job in its writing stage, notes it on the timeline and queues the rebuild (202)", async () => {
    const job = await finishedJob(alpha);
    const sent: unknown[] = [];
    const send = vi.spyOn(inngest, "send").mockImplementation(async (e) => {
      sent.push(e);
      return { ids: ["x"] };
    });
    let res: Response;
    try {
      res = await put(alpha, job.id, { fields: await editedList(job.id) });
    } finally {
      send.mockRestore();
    }
    const body = await res.json();
    expect(res.status, JSON.stringify(body)).toBe(202);
    expect(body).toEqual({ job_id: job.id, status: "running", stage: "writing", revision: expect.stringMatching(/^[0-9a-f]{24}$/), field_count: 3, added: 1, removed: 1, changed: 1 });
    expect(sent).toEqual([expect.objectContaining({ name: "forms/fields.edited", data: { job_id: job.id, workspace_id: alpha.workspace.id, revision: body.revision } })]);
    const row = await database().prisma.job.findUniqueOrThrow({ where: { id: job.id } });
    expect(row).toMatchObject({ status: "running", stage: "writing", finishedAt: null });
    const [edited] = await database().prisma.jobEvent.findMany({ where: { jobId: job.id, type: "edited" } });
    expect(edited.data).toMatchObject({ revision: body.revision, by_user_id: alpha.user.id, added: 1, removed: 1, changed: 1, field_count: 3 });
    expect(edited.message).toMatch(/1 added, 1 removed, 1 changed/);
    // The current list stays until the rebuild succeeds; the edit waits beside it.
    const { workDir } = formsJobPaths({ jobId: job.id, workspaceId: alpha.workspace.id });
    expect(JSON.parse(fs.readFileSync(path.join(workDir, "fields.json"), "utf8")).fields).toHaveLength(3);
    const pending = JSON.parse(fs.readFileSync(path.join(workDir, "edits", `${body.revision}.json`), "utf8"));
    expect(pending.fields.map((f: { name: string; source: string; page: number }) => [f.name, f.source, f.page])).toEqual([
      ["applicant_name", "manual", 0],
      ["yes", "fused", 1],
      ["signature", "manual", 0],
    ]);
    expect(pending.fields[0].label).toBe("Full name");
    // While it rebuilds, another edit is refused.
    await expectError(await put(alpha, job.id, { fields: [] }), 409, "ConflictError");
    const fields = await fieldsOf(alpha, job.id);
    expect(fields.last_edit).toMatchObject({ revision: body.revision, status: "rebuilding", added: 1, removed: 1, changed: 1 });
  });

  it("answers 422 naming each bad field by index and reason, and changes nothing", async () => {
    const job = await finishedJob(alpha);
    const good = await editedList(job.id);
    const body = await expectError(
      await put(alpha, job.id, {
        fields: [
          good[0],
          { ...good[1], name: "APPLICANT_NAME" },
          { ...good[2], box: { x: 500, y: 700, width: 250, height: 24 } },
          { ...good[2], name: "third_page", page: 3 },
          { ...good[2], name: "speck", type: "checkbox", box: { x: 1, y: 1, width: 2, height: 2 } },
        ],
      }),
      422,
      "ValidationError",
    );
    expect(body.error.details!.map((d) => d.path)).toEqual(["body.fields.1.name", "body.fields.2.box", "body.fields.3.page", "body.fields.4.box"]);
    expect(body.error.details![1].message).toMatch(/Field 2 \("signature"\).*not inside page 1/);
    const shape = await expectError(await put(alpha, job.id, { fields: [{ ...good[0], type: "radio" }, { ...good[1], extra: 1 }] }), 422, "ValidationError");
    expect(shape.error.details!.map((d) => d.path)).toEqual(["body.fields.0.type", "body.fields.1"]);
    await expectError(await put(alpha, job.id, "{not json"), 400, "BadRequestError");
    expect((await database().prisma.job.findUniqueOrThrow({ where: { id: job.id } })).status).toBe("succeeded");
    expect(await database().prisma.jobEvent.count({ where: { jobId: job.id, type: "edited" } })).toBe(0);
  });

  it("answers 409 while the job runs and after it failed, 410 after retention", async () => {
    const running = await finishedJob(alpha, "running");
    await expectError(await put(alpha, running.id, { fields: [] }), 409, "ConflictError");
    const failed = await finishedJob(alpha, "failed");
    await expectError(await put(alpha, failed.id, { fields: [] }), 409, "ConflictError");
    const expired = await finishedJob(alpha);
    await database().prisma.job.update({ where: { id: expired.id }, data: { expiredAt: new Date() } });
    await expectError(await put(alpha, expired.id, { fields: [] }), 410, "ResultExpiredError");
  });

  it("answers 401 without credentials and 404 for another workspace's, another pipeline's or unknown jobs", async () => {
    const job = await finishedJob(alpha);
    const other = await createJob({ workspaceId: alpha.workspace.id, createdById: alpha.user.id, kind: "logbook" });
    await expectError(await put(undefined, job.id, { fields: [] }), 401, "UnauthorizedError");
    await expectError(await put(beta, job.id, { fields: [] }), 404, "NotFoundError");
    await expectError(await put(alpha, other.id, { fields: [] }), 404, "NotFoundError");
    await expectError(await put(alpha, "nosuchjob", { fields: [] }), 404, "NotFoundError");
    expect((await database().prisma.job.findUniqueOrThrow({ where: { id: job.id } })).status).toBe("succeeded");
  });

  it("answers 503 when the rebuild cannot be queued, and the job keeps its result and fields", async () => {
    const job = await finishedJob(alpha);
    const send = vi.spyOn(inngest, "send").mockRejectedValueOnce(new Error("engine down"));
    try {
      await expectError(await put(alpha, job.id, { fields: await editedList(job.id) }), 503, "ServiceUnavailableError");
    } finally {
      send.mockRestore();
    }
    const row = await database().prisma.job.findUniqueOrThrow({ where: { id: job.id } });
    expect(row.status).toBe("succeeded");
    expect(row.message).toMatch(/previous fillable PDF is still the result/);
    const fields = await fieldsOf(alpha, job.id);
    expect(fields.fields.map((f: { name: string }) => f.name)).toEqual(["full_name", "email", "yes"]);
    expect(fields.last_edit).toMatchObject({ status: "failed", error: { type: "QueueUnavailableError" } });
    expect(fields.warnings).toEqual(["one"]);
    const { workDir } = formsJobPaths({ jobId: job.id, workspaceId: alpha.workspace.id });
    expect(fs.readdirSync(path.join(workDir, "edits"))).toEqual([]);
  });
});
