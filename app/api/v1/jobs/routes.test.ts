import { createHash } from "node:crypto";
import { readdirSync } from "node:fs";
import fs from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { apiRequest, createTestUser, routeParams, type TestUser } from "@/lib/auth/testing";
import { useTestDatabase } from "@/lib/db/testing";
import { completeJob, createJob, startJob, updateJobProgress } from "@/lib/jobs";
import { LocalDiskStorage, saveFile, setStorage } from "@/lib/storage";
import { GET as getEvents } from "./[id]/events/route";
import { GET as getResult, HEAD as getResultHead } from "./[id]/result/route";
import { DELETE as deleteJobRoute, GET as getJobRoute } from "./[id]/route";
import { GET as listJobsRoute } from "./route";

vi.mock("@/lib/jobs/emit", () => ({ emitJobCanceled: vi.fn(async () => {}) }));

const database = useTestDatabase();
const ws = {} as Record<"alpha" | "beta" | "member", TestUser>;
let root: string;
let store: LocalDiskStorage;

beforeAll(async () => {
  ws.alpha = await createTestUser();
  ws.beta = await createTestUser();
  ws.member = await createTestUser({ role: "member", workspace: ws.alpha.workspace });
  root = await fs.mkdtemp(path.join(os.tmpdir(), "conveyor-routes-"));
  store = new LocalDiskStorage(root);
  setStorage(store);
});
afterAll(async () => {
  setStorage(undefined);
  await fs.rm(root, { recursive: true, force: true });
});

type Handler = (req: Request, ctx?: { params: Promise<Record<string, string>> }) => Promise<Response>;
type CallOptions = { as?: keyof typeof ws; via?: "session" | "api_key"; method?: string; id?: string; headers?: Record<string, string> };
/** A real request through the real auth: an API key by default, the session cookie with via: "session". */
const call = (handler: Handler, url: string, opts: CallOptions = {}) =>
  handler(
    apiRequest(url, { method: opts.method ?? "GET", as: opts.as && ws[opts.as], via: opts.via ?? "api_key", headers: opts.headers }),
    routeParams<Record<string, string>>(opts.id ? { id: opts.id } : {}),
  );

async function expectError(res: Response, status: number, type: string) {
  expect(res.status).toBe(status);
  const body = await res.json();
  expect(body).toMatchObject({ error: { type, message: expect.any(String) }, request_id: res.headers.get("x-request-id") });
  return body;
}

async function succeededJob(workspace: "alpha" | "beta", filename = "Fülled form.pdf") {
  const workspaceId = ws[workspace].workspace.id;
  const job = await createJob({ workspaceId, createdById: ws[workspace].user.id, kind: "forms" });
  const content = Buffer.concat([Buffer.from("%PDF-1.7\n"), Buffer.alloc(300_000, 0x41)]);
  const file = await saveFile({ workspaceId, jobId: job.id, purpose: "result", filename, source: content });
  await startJob(job.id, { stage: "write" });
  await completeJob(job.id, { resultFileId: file.id, message: "Done" });
  return { job, file, content };
}

describe("jobs API", () => {
  it("answers 401 on every route without credentials", async () => {
    const { job } = await succeededJob("alpha");
    const routes: [Handler, string, string][] = [
      [listJobsRoute, "/api/v1/jobs", "GET"],
      [getJobRoute, `/api/v1/jobs/${job.id}`, "GET"],
      [getEvents, `/api/v1/jobs/${job.id}/events`, "GET"],
      [getResult, `/api/v1/jobs/${job.id}/result`, "GET"],
      [deleteJobRoute, `/api/v1/jobs/${job.id}`, "DELETE"],
    ];
    for (const [handler, url, method] of routes) {
      await expectError(await call(handler, url, { method, id: job.id }), 401, "UnauthorizedError");
      const revoked = { "x-api-key": "cvk_thisisnotarealkey0000000000000000000000" };
      await expectError(await call(handler, url, { method, id: job.id, headers: revoked }), 401, "UnauthorizedError");
    }
    expect(await database().prisma.job.count({ where: { id: job.id } })).toBe(1);
  });

  it("answers 404 for another workspace's job on every route, and for unknown ids", async () => {
    const { job, file } = await succeededJob("beta");
    for (const id of [job.id, "cunknown000000000000000000"]) {
      await expectError(await call(getJobRoute, `/api/v1/jobs/${id}`, { as: "alpha", id }), 404, "NotFoundError");
      await expectError(await call(getEvents, `/api/v1/jobs/${id}/events`, { as: "alpha", id }), 404, "NotFoundError");
      await expectError(await call(getResult, `/api/v1/jobs/${id}/result`, { as: "alpha", id }), 404, "NotFoundError");
      await expectError(await call(deleteJobRoute, `/api/v1/jobs/${id}`, { as: "alpha", method: "DELETE", id }), 404, "NotFoundError");
    }
    const list = await (await call(listJobsRoute, "/api/v1/jobs?limit=100", { as: "alpha" })).json();
    expect(list.data.map((j: { job_id: string }) => j.job_id)).not.toContain(job.id);
    // Still there for its owner.
    expect((await call(getJobRoute, `/api/v1/jobs/${job.id}`, { as: "beta", id: job.id })).status).toBe(200);
    expect(await store.exists(file.storageKey)).toBe(true);
  });

  it("gets a job in the documented shape", async () => {
    const { job } = await succeededJob("alpha");
    const res = await call(getJobRoute, `/api/v1/jobs/${job.id}`, { as: "alpha", id: job.id });
    expect(res.status).toBe(200);
    const body = await res.json();
    expect(Object.keys(body).sort()).toEqual(
      ["created_at", "download_url", "finished_at", "job_id", "kind", "message", "progress", "stage", "started_at", "status", "updated_at"].sort(),
    );
    const row = await database().prisma.job.findUniqueOrThrow({ where: { id: job.id } });
    expect(body.started_at).toBe(row.startedAt!.toISOString());
    expect(body.finished_at).toBe(row.finishedAt!.toISOString());
    expect(body).toMatchObject({ job_id: job.id, status: "succeeded", stage: "write", progress: 1, message: "Done" });
    expect(body.download_url).toMatch(new RegExp(`/api/v1/jobs/${job.id}/result$`));
  });

  it("serves the same job to a session cookie and to another member of the workspace", async () => {
    const { job } = await succeededJob("alpha");
    const bySession = await call(getJobRoute, `/api/v1/jobs/${job.id}`, { as: "alpha", via: "session", id: job.id });
    expect(bySession.status).toBe(200);
    const byMember = await call(getJobRoute, `/api/v1/jobs/${job.id}`, { as: "member", id: job.id });
    expect(await byMember.json()).toEqual(await bySession.json());
    const download = await call(getResult, `/api/v1/jobs/${job.id}/result`, { as: "member", via: "session", id: job.id });
    expect(download.status).toBe(200);
    // A client that goes away: cancelling the body closes the file.
    await download.body!.cancel();
  });

  it("lists with filters and a cursor, and validates the query (422)", async () => {
    const ids: string[] = [];
    for (let i = 0; i < 5; i++) ids.push((await createJob({ workspaceId: ws.alpha.workspace.id, createdById: null, kind: "pager" })).id);
    const first = await (await call(listJobsRoute, "/api/v1/jobs?kind=pager&limit=3", { as: "alpha" })).json();
    expect(first.data).toHaveLength(3);
    expect(first.next_cursor).toEqual(expect.any(String));
    const second = await (
      await call(listJobsRoute, `/api/v1/jobs?kind=pager&limit=3&cursor=${first.next_cursor}`, { as: "alpha" })
    ).json();
    expect(second.next_cursor).toBeNull();
    expect([...first.data, ...second.data].map((j: { job_id: string }) => j.job_id).sort()).toEqual([...ids].sort());
    const queued = await (await call(listJobsRoute, "/api/v1/jobs?kind=pager&status=queued", { as: "alpha" })).json();
    expect(queued.data).toHaveLength(5);
    const running = await (await call(listJobsRoute, "/api/v1/jobs?kind=pager&status=running", { as: "alpha" })).json();
    expect(running.data).toHaveLength(0);

    for (const [query, field] of [
      ["limit=0", "query.limit"],
      ["limit=101", "query.limit"],
      ["limit=abc", "query.limit"],
      ["status=done", "query.status"],
      ["kind=NOT%20A%20KIND", "query.kind"],
      ["cursor=%%%", "query.cursor"],
      [`cursor=${Buffer.from("x|y").toString("base64url")}`, "query.cursor"],
    ]) {
      const body = await expectError(await call(listJobsRoute, `/api/v1/jobs?${query}`, { as: "alpha" }), 422, "ValidationError");
      expect(body.error.details.map((d: { path: string }) => d.path), query).toContain(field);
    }
  });

  it("lists events in order and polls with after", async () => {
    const job = await createJob({ workspaceId: ws.alpha.workspace.id, createdById: null, kind: "forms" });
    await startJob(job.id, { stage: "a" });
    await updateJobProgress(job.id, { progress: 0.5, message: "half", data: { page: 2 } });
    const res = await call(getEvents, `/api/v1/jobs/${job.id}/events`, { as: "alpha", id: job.id });
    const body = await res.json();
    expect(body.data.map((e: { type: string }) => e.type)).toEqual(["created", "started", "progress"]);
    expect(body.data[2]).toMatchObject({ status: "running", stage: "a", progress: 0.5, message: "half", data: { page: 2 } });
    expect(body.has_more).toBe(false);
    await completeJob(job.id);
    const next = await (await call(getEvents, `/api/v1/jobs/${job.id}/events?after=${body.next_after}`, { as: "alpha", id: job.id })).json();
    expect(next.data.map((e: { type: string }) => e.type)).toEqual(["succeeded"]);
    const empty = await (await call(getEvents, `/api/v1/jobs/${job.id}/events?after=${next.next_after}`, { as: "alpha", id: job.id })).json();
    expect(empty).toEqual({ data: [], has_more: false, next_after: next.next_after });
    for (const after of ["-1", "9223372036854775808", "99999999999999999999", "1e3"]) {
      await expectError(await call(getEvents, `/api/v1/jobs/${job.id}/events?after=${after}`, { as: "alpha", id: job.id }), 422, "ValidationError");
    }
  });

  it("answers 422, never 500, for ids that cannot be job ids", async () => {
    for (const id of ["\u0000", "a/b", "x".repeat(65), "é"]) {
      const body = await expectError(await call(getJobRoute, `/api/v1/jobs/x`, { as: "alpha", id }), 422, "ValidationError");
      expect(body.error.details[0].path).toBe("params.id");
    }
  });

  it("answers 409 for the result before the job succeeded", async () => {
    const job = await createJob({ workspaceId: ws.alpha.workspace.id, createdById: null, kind: "forms" });
    const body = await expectError(await call(getResult, `/api/v1/jobs/${job.id}/result`, { as: "alpha", id: job.id }), 409, "ConflictError");
    expect(body.error.details).toEqual({ status: "queued" });
    await startJob(job.id, { stage: "x" });
    await expectError(await call(getResult, `/api/v1/jobs/${job.id}/result`, { as: "alpha", id: job.id }), 409, "ConflictError");
  });

  it("streams the result with download headers", async () => {
    const { job, content } = await succeededJob("alpha", "Fülled form.pdf");
    const res = await call(getResult, `/api/v1/jobs/${job.id}/result`, { as: "alpha", id: job.id });
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe("application/pdf");
    expect(res.headers.get("content-length")).toBe(String(content.length));
    expect(res.headers.get("x-file-size")).toBe(String(content.length));
    expect(res.headers.get("etag")).toBe(`"${createHash("sha256").update(content).digest("hex")}"`);
    expect(res.headers.get("x-content-type-options")).toBe("nosniff");
    expect(res.headers.get("content-disposition")).toBe(
      `attachment; filename="F_lled form.pdf"; filename*=UTF-8''F%C3%BClled%20form.pdf`,
    );
    expect(res.body).toBeInstanceOf(ReadableStream);
    expect(Buffer.from(await res.arrayBuffer()).equals(content)).toBe(true);
  });

  it("answers HEAD for the result with its headers and no body, and closes the file each time", async () => {
    const { job, content } = await succeededJob("alpha");
    const openFiles = () => readdirSync("/proc/self/fd").length;
    const before = openFiles();
    for (let i = 0; i < 40; i++) {
      const res = await call(getResultHead, `/api/v1/jobs/${job.id}/result`, { as: "alpha", method: "HEAD", id: job.id });
      expect(res.status).toBe(200);
      expect(res.headers.get("x-file-size")).toBe(String(content.length));
      expect(res.body).toBeNull();
    }
    expect(openFiles()).toBeLessThan(before + 5);
    const anonymous = await call(getResultHead, `/api/v1/jobs/${job.id}/result`, { method: "HEAD", id: job.id });
    expect(anonymous.status).toBe(401);
    expect(anonymous.body).toBeNull();
  });

  it("deletes a job with its files (204), then answers 404", async () => {
    const { job, file } = await succeededJob("alpha");
    const res = await call(deleteJobRoute, `/api/v1/jobs/${job.id}`, { as: "alpha", method: "DELETE", id: job.id });
    expect(res.status).toBe(204);
    expect(await res.text()).toBe("");
    expect(await store.exists(file.storageKey)).toBe(false);
    expect(await database().prisma.storedFile.count({ where: { id: file.id } })).toBe(0);
    await expectError(await call(getJobRoute, `/api/v1/jobs/${job.id}`, { as: "alpha", id: job.id }), 404, "NotFoundError");
    await expectError(await call(deleteJobRoute, `/api/v1/jobs/${job.id}`, { as: "alpha", method: "DELETE", id: job.id }), 404, "NotFoundError");
  });
});
