import fs from "node:fs";
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { inngest } from "@/inngest/client";
import { apiRequest, createTestUser, routeParams, type TestUser } from "@/lib/auth/testing";
import { useTestDatabase } from "@/lib/db/testing";
import { resetEnvCache } from "@/lib/env";
import { signatureHeaders } from "@/lib/http";
import { storedFiles } from "@/lib/forms/jobs/testing";
import { callbackRequest, IMAGES, relayUploadRequest, TEST_DATABASE_ID, TEST_RELAY_SECRET, useRelayTestEnv, type RelayTestEnv } from "@/lib/relay/testing/env";
import { POST as callback } from "./jobs/[id]/callback/route";
import { GET as getJob } from "./jobs/[id]/route";
import { GET as listJobs, POST as upload } from "./jobs/route";

const database = useTestDatabase();
let env: RelayTestEnv;
let alpha: TestUser;
let beta: TestUser;
const sent: { name: string; data: Record<string, unknown> }[] = [];

beforeAll(async () => {
  env = useRelayTestEnv({ RELAY_MAX_BYTES: "4KB" });
  [alpha, beta] = [await createTestUser(), await createTestUser()];
  vi.spyOn(inngest, "send").mockImplementation(async (payload) => {
    sent.push(payload as never);
    return { ids: ["evt"] };
  });
});

afterAll(() => env?.close());

beforeEach(async () => {
  sent.length = 0;
  await database().prisma.job.deleteMany({ where: { kind: "relay" } });
  await database().prisma.storedFile.deleteMany({});
  fs.rmSync(env.storage.root, { recursive: true, force: true });
});

async function expectError(res: Response, status: number, type: string) {
  const body = await res.json();
  expect(res.status, JSON.stringify(body)).toBe(status);
  expect(body).toMatchObject({ error: { type, message: expect.any(String) }, request_id: expect.any(String) });
  return body;
}

async function expectNothingStored() {
  expect(storedFiles(env.storage.root)).toEqual([]);
  expect(await database().prisma.storedFile.count()).toBe(0);
  expect(await database().prisma.job.count({ where: { kind: "relay" } })).toBe(0);
  expect(sent).toEqual([]);
}

const image = (data: Uint8Array, filename = "Receipt 2026-12.png") => ({ name: "file", filename, data });

async function uploaded(as: TestUser, data: Uint8Array = IMAGES.png, filename?: string): Promise<string> {
  const res = await upload(relayUploadRequest([image(data, filename)], { apiKey: as.apiKey }));
  expect(res.status).toBe(202);
  return ((await res.json()) as { job_id: string }).job_id;
}

function signed(jobId: string, payload: unknown, at = new Date()) {
  const body = typeof payload === "string" ? payload : JSON.stringify(payload);
  return callbackRequest(jobId, body, signatureHeaders(TEST_RELAY_SECRET, body, at));
}

async function timeline(jobId: string) {
  return database().prisma.jobEvent.findMany({ where: { jobId }, orderBy: { id: "asc" }, select: { type: true, message: true } });
}

describe("POST /api/v1/relay/jobs", () => {
  it.each(Object.entries(IMAGES))("accepts %s by its bytes: 202, a queued job, its log, its file and the event", async (kind, bytes) => {
    const res = await upload(relayUploadRequest([image(bytes, `photo.${kind}`)], { apiKey: alpha.apiKey }));
    const body = await res.json();
    expect(res.status, JSON.stringify(body)).toBe(202);
    expect(body).toEqual({ job_id: expect.any(String), status: "queued" });
    expect(res.headers.get("location")).toMatch(new RegExp(`/api/v1/relay/jobs/${body.job_id}$`));
    const log = await database().prisma.relayJob.findUniqueOrThrow({ where: { jobId: body.job_id } });
    expect(log).toMatchObject({ workspaceId: alpha.workspace.id, filename: `photo.${kind}`, notionDatabaseId: TEST_DATABASE_ID });
    expect(log.contentType).toMatch(/^image\//);
    expect(storedFiles(env.storage.root)).toHaveLength(1);
    expect(sent).toEqual([expect.objectContaining({ name: "relay/image.uploaded", data: { job_id: body.job_id, workspace_id: alpha.workspace.id } })]);
  });

  it("uses the given notion_database_id over the default", async () => {
    const other = "fedcba98-7654-3210-fedc-ba9876543210";
    const res = await upload(relayUploadRequest([{ name: "notion_database_id", value: other }, image(IMAGES.jpeg)], { apiKey: alpha.apiKey }));
    const body = await res.json();
    expect(res.status, JSON.stringify(body)).toBe(202);
    expect((await database().prisma.relayJob.findUniqueOrThrow({ where: { jobId: body.job_id } })).notionDatabaseId).toBe(other);
  });

  it("refuses what is not an image by its bytes (415), whatever its name and type say", async () => {
    const pdf = Buffer.from("%PDF-1.7\n1 0 obj\n<<>>\nendobj\n");
    await expectError(await upload(relayUploadRequest([{ ...image(pdf, "photo.png"), type: "image/png" }], { apiKey: alpha.apiKey })), 415, "UnsupportedMediaTypeError");
    await expectNothingStored();
  });

  it("refuses an empty file (422 EmptyFileError)", async () => {
    await expectError(await upload(relayUploadRequest([image(new Uint8Array(0))], { apiKey: alpha.apiKey })), 422, "EmptyFileError");
    await expectNothingStored();
  });

  it("refuses a file over RELAY_MAX_BYTES (413) while streaming", async () => {
    const big = Buffer.concat([IMAGES.png, Buffer.alloc(8 * 1024)]);
    await expectError(await upload(relayUploadRequest([image(big)], { apiKey: alpha.apiKey })), 413, "PayloadTooLargeError");
    await expectNothingStored();
  });

  it("refuses a bad database id, extra parts, a missing file and a non-multipart body (422/415)", async () => {
    await expectError(await upload(relayUploadRequest([{ name: "notion_database_id", value: "not-an-id" }, image(IMAGES.png)], { apiKey: alpha.apiKey })), 422, "ValidationError");
    await expectError(await upload(relayUploadRequest([{ name: "title", value: "x" }, image(IMAGES.png)], { apiKey: alpha.apiKey })), 422, "ValidationError");
    await expectError(await upload(relayUploadRequest([{ name: "notion_database_id", value: TEST_DATABASE_ID }], { apiKey: alpha.apiKey })), 422, "ValidationError");
    await expectError(await upload(apiRequest("/api/v1/relay/jobs", { as: alpha, via: "api_key", body: { file: "x" } })), 415, "UnsupportedMediaTypeError");
    await expectNothingStored();
  });

  it("needs credentials (401)", async () => {
    await expectError(await upload(relayUploadRequest([image(IMAGES.png)])), 401, "UnauthorizedError");
  });

  it("answers 503 RelayNotConfiguredError while the relay is off, and stores nothing", async () => {
    const saved = process.env.RELAY_N8N_WEBHOOK_URL;
    delete process.env.RELAY_N8N_WEBHOOK_URL;
    resetEnvCache();
    try {
      await expectError(await upload(relayUploadRequest([image(IMAGES.png)], { apiKey: alpha.apiKey })), 503, "RelayNotConfiguredError");
      await expectNothingStored();
    } finally {
      process.env.RELAY_N8N_WEBHOOK_URL = saved;
      resetEnvCache();
    }
  });
});

describe("GET /api/v1/relay/jobs[/{id}]", () => {
  it("shows the job log, and nothing of another workspace's jobs (404)", async () => {
    const id = await uploaded(alpha);
    const res = await getJob(apiRequest(`/api/v1/relay/jobs/${id}`, { as: alpha }), routeParams({ id }));
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({
      job_id: id,
      status: "queued",
      stage: "queued",
      filename: "Receipt 2026-12.png",
      content_type: "image/png",
      notion_database_id: TEST_DATABASE_ID,
      created_at: expect.any(String),
      completed_at: null,
      result_message: null,
      notion_page_url: null,
      error: null,
    });
    await expectError(await getJob(apiRequest(`/api/v1/relay/jobs/${id}`, { as: beta }), routeParams({ id })), 404, "NotFoundError");
    await expectError(await getJob(apiRequest(`/api/v1/relay/jobs/${id}`), routeParams({ id })), 401, "UnauthorizedError");
  });

  it("lists newest first with a status filter and cursor pages, per workspace", async () => {
    const ids = [await uploaded(alpha), await uploaded(alpha), await uploaded(alpha)];
    await uploaded(beta);
    await database().prisma.job.update({ where: { id: ids[0] }, data: { status: "failed", finishedAt: new Date(), errorType: "CallbackTimeoutError", errorDetail: "late" } });
    const page1 = await (await listJobs(apiRequest("/api/v1/relay/jobs?limit=2", { as: alpha }))).json();
    expect(page1.items.map((j: { job_id: string }) => j.job_id)).toEqual([ids[2], ids[1]]);
    const page2 = await (await listJobs(apiRequest(`/api/v1/relay/jobs?limit=2&cursor=${page1.next_cursor}`, { as: alpha }))).json();
    expect(page2).toMatchObject({ items: [{ job_id: ids[0], status: "failure", result_message: "late" }], next_cursor: null });
    const failed = await (await listJobs(apiRequest("/api/v1/relay/jobs?status=failure", { as: alpha }))).json();
    expect(failed.items.map((j: { job_id: string }) => j.job_id)).toEqual([ids[0]]);
    const queued = await (await listJobs(apiRequest("/api/v1/relay/jobs?status=queued", { as: beta }))).json();
    expect(queued.items).toHaveLength(1);
    await expectError(await listJobs(apiRequest("/api/v1/relay/jobs?status=done", { as: alpha })), 422, "ValidationError");
    await expectError(await listJobs(apiRequest("/api/v1/relay/jobs?cursor=zzz", { as: alpha })), 422, "ValidationError");
  });
});

describe("POST /api/v1/relay/jobs/{id}/callback", () => {
  const success = { status: "success", notion_page_url: "https://www.notion.so/Receipt-0123456789abcdef0123456789abcdef" };

  it("accepts a signed success without user credentials, stores it, sends the event and puts it on the timeline", async () => {
    const id = await uploaded(alpha);
    sent.length = 0;
    const res = await callback(signed(id, success), routeParams({ id }));
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ job_id: id, status: "queued", changed: true });
    expect(await database().prisma.relayJob.findUniqueOrThrow({ where: { jobId: id } })).toMatchObject({ callbackStatus: "success", notionPageUrl: success.notion_page_url });
    expect(sent).toEqual([expect.objectContaining({ name: "relay/callback.received", data: { job_id: id, workspace_id: alpha.workspace.id, status: "success" } })]);
    expect((await timeline(id)).map((e) => e.type)).toEqual(["created", "callback.accepted"]);
  });

  it("a repeated identical callback: 200 and no change; a different one: 409; all on the timeline", async () => {
    const id = await uploaded(alpha);
    await callback(signed(id, success), routeParams({ id }));
    sent.length = 0;
    const again = await callback(signed(id, success), routeParams({ id }));
    expect(await again.json()).toMatchObject({ changed: false });
    expect(again.status).toBe(200);
    expect(sent).toEqual([]);
    await expectError(await callback(signed(id, { status: "failure", message: "nope" }), routeParams({ id })), 409, "CallbackConflictError");
    expect(await database().prisma.relayJob.findUniqueOrThrow({ where: { jobId: id } })).toMatchObject({ callbackStatus: "success" });
    expect((await timeline(id)).map((e) => e.type)).toEqual(["created", "callback.accepted", "callback.repeated", "callback.refused"]);
  });

  it("refuses any callback for a job that finished without one (409)", async () => {
    const id = await uploaded(alpha);
    await database().prisma.job.update({ where: { id }, data: { status: "failed", finishedAt: new Date() } });
    await expectError(await callback(signed(id, success), routeParams({ id })), 409, "CallbackConflictError");
  });

  it("refuses bad, missing, stale and one-byte-changed signatures (401), each on the timeline", async () => {
    const id = await uploaded(alpha);
    const body = JSON.stringify(success);
    const good = signatureHeaders(TEST_RELAY_SECRET, body);
    await expectError(await callback(callbackRequest(id, body, signatureHeaders("x".repeat(40), body)), routeParams({ id })), 401, "InvalidSignatureError");
    await expectError(await callback(callbackRequest(id, body, {}), routeParams({ id })), 401, "InvalidSignatureError");
    await expectError(await callback(signed(id, success, new Date(Date.now() - 6 * 60_000)), routeParams({ id })), 401, "InvalidSignatureError");
    await expectError(await callback(callbackRequest(id, body.replace("Receipt", "Receipu"), good), routeParams({ id })), 401, "InvalidSignatureError");
    const refused = (await timeline(id)).filter((e) => e.type === "callback.refused");
    expect(refused.map((e) => e.message)).toEqual([
      "Callback refused: signature mismatch",
      "Callback refused: signature missing",
      "Callback refused: signature stale",
      "Callback refused: signature mismatch",
    ]);
    expect(await database().prisma.relayJob.findUniqueOrThrow({ where: { jobId: id } })).toMatchObject({ callbackStatus: null });
  });

  it("refuses a replay of an old capture (401 stale) and ignores a replay inside the window (200, no change)", async () => {
    const id = await uploaded(alpha);
    const body = JSON.stringify(success);
    const old = signatureHeaders(TEST_RELAY_SECRET, body, new Date(Date.now() - 10 * 60_000));
    await expectError(await callback(callbackRequest(id, body, old), routeParams({ id })), 401, "InvalidSignatureError");
    const fresh = signatureHeaders(TEST_RELAY_SECRET, body);
    expect((await callback(callbackRequest(id, body, fresh), routeParams({ id }))).status).toBe(200);
    const replay = await callback(callbackRequest(id, body, fresh), routeParams({ id }));
    expect(await replay.json()).toMatchObject({ changed: false });
  });

  it("validates the body (422): a success without an https Notion URL, an unknown status, not JSON", async () => {
    const id = await uploaded(alpha);
    await expectError(await callback(signed(id, { status: "success" }), routeParams({ id })), 422, "ValidationError");
    await expectError(await callback(signed(id, { status: "success", notion_page_url: "http://www.notion.so/x" }), routeParams({ id })), 422, "ValidationError");
    await expectError(await callback(signed(id, { status: "success", notion_page_url: "https://evil.example/x" }), routeParams({ id })), 422, "ValidationError");
    await expectError(await callback(signed(id, { status: "done" }), routeParams({ id })), 422, "ValidationError");
    await expectError(await callback(signed(id, "{not json"), routeParams({ id })), 422, "ValidationError");
    expect((await timeline(id)).filter((e) => e.type === "callback.refused")).toHaveLength(5);
  });

  it("404 for an unknown job (with a good signature)", async () => {
    await expectError(await callback(signed("nosuchjob", success), routeParams({ id: "nosuchjob" })), 404, "NotFoundError");
  });

  it("401 before 404: an unsigned caller learns nothing about job ids", async () => {
    await expectError(await callback(callbackRequest("nosuchjob", "{}", {}), routeParams({ id: "nosuchjob" })), 401, "InvalidSignatureError");
  });
});
