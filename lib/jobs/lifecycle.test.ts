import fs from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { createTestUser, type TestUser } from "@/lib/auth/testing";
import { useTestDatabase } from "@/lib/db/testing";
import type { EventSender } from "@/lib/events/sender";
import { LocalDiskStorage, saveFile, setStorage } from "@/lib/storage";
import { createJob } from "./create-job";
import { deleteJob, requestJobCancellation } from "./delete-job";
import { expireJobResults } from "./expire-results";
import { openJobResult } from "./job-result";
import { listJobEvents } from "./read";
import { completeJob, failJob, startJob } from "./transitions";

// Records what would reach the engine: only a job that was still running asks its run to stop.
const send = vi.fn<EventSender>(async () => {});

const database = useTestDatabase();
const ws = {} as Record<"alpha" | "beta", TestUser>;
let root: string;
let store: LocalDiskStorage;

beforeAll(async () => {
  ws.alpha = await createTestUser();
  ws.beta = await createTestUser();
  root = await fs.mkdtemp(path.join(os.tmpdir(), "conveyor-jobs-"));
  store = new LocalDiskStorage(root);
  setStorage(store);
});
afterAll(async () => {
  setStorage(undefined);
  await fs.rm(root, { recursive: true, force: true });
});
beforeEach(() => send.mockClear());

/** A succeeded job with an uploaded input and a result artifact. */
async function finishedJob(expiresAt?: Date) {
  const workspaceId = ws.alpha.workspace.id;
  const job = await createJob({ workspaceId, createdById: ws.alpha.user.id, kind: "forms" });
  const input = await saveFile({ workspaceId, jobId: job.id, purpose: "input", filename: "in.pdf", source: Buffer.from("%PDF-1.4 in") });
  const result = await saveFile({ workspaceId, purpose: "result", filename: "out.pdf", source: Buffer.from("%PDF-1.4 out") });
  await startJob(job.id, { stage: "work" });
  await completeJob(job.id, { resultFileId: result.id, expiresAt });
  return { job, input, result };
}

describe("deleteJob", () => {
  it("removes the job, its events and every file it owns", async () => {
    const { job, input, result } = await finishedJob();
    await deleteJob(ws.alpha.workspace.id, job.id, send);
    const { prisma } = database();
    expect(await prisma.job.findUnique({ where: { id: job.id } })).toBeNull();
    expect(await prisma.jobEvent.count({ where: { jobId: job.id } })).toBe(0);
    expect(await prisma.storedFile.count({ where: { id: { in: [input.id, result.id] } } })).toBe(0);
    expect(await store.exists(input.storageKey)).toBe(false);
    expect(await store.exists(result.storageKey)).toBe(false);
    expect(send).not.toHaveBeenCalled();
  });

  it("cancels a running job first and asks its run to stop", async () => {
    const job = await createJob({ workspaceId: ws.alpha.workspace.id, createdById: null, kind: "forms" });
    await startJob(job.id, { stage: "work" });
    await deleteJob(ws.alpha.workspace.id, job.id, send);
    expect(send).toHaveBeenCalledWith(expect.objectContaining({ name: "jobs/job.canceled" }), { job_id: job.id, workspace_id: ws.alpha.workspace.id }, { id: `job-canceled-${job.id}` });
    expect(await database().prisma.job.findUnique({ where: { id: job.id } })).toBeNull();
  });

  it("refuses another workspace's job and leaves it intact", async () => {
    const { job, result } = await finishedJob();
    await expect(deleteJob(ws.beta.workspace.id, job.id, send)).rejects.toMatchObject({ status: 404 });
    await expect(requestJobCancellation(ws.beta.workspace.id, job.id, send)).rejects.toMatchObject({ status: 404 });
    expect(await store.exists(result.storageKey)).toBe(true);
  });
});

describe("openJobResult", () => {
  it("409 before success, 404 without an artifact or for a foreign job", async () => {
    const job = await createJob({ workspaceId: ws.alpha.workspace.id, createdById: null, kind: "forms" });
    await expect(openJobResult(ws.alpha.workspace.id, job.id)).rejects.toMatchObject({ status: 409, details: { status: "queued" } });
    await failJob(job.id, { type: "X", detail: "x" });
    await expect(openJobResult(ws.alpha.workspace.id, job.id)).rejects.toMatchObject({ status: 409, message: /failed/ });
    const noFile = await createJob({ workspaceId: ws.alpha.workspace.id, createdById: null, kind: "forms" });
    await completeJob(noFile.id, { result: { ok: true } });
    await expect(openJobResult(ws.alpha.workspace.id, noFile.id)).rejects.toMatchObject({ status: 404 });
    const { job: done } = await finishedJob();
    await expect(openJobResult(ws.beta.workspace.id, done.id)).rejects.toMatchObject({ status: 404 });
    const { file, stream } = await openJobResult(ws.alpha.workspace.id, done.id);
    stream.destroy();
    expect(file.filename).toBe("out.pdf");
  });
});

describe("expireJobResults", () => {
  it("deletes due files, keeps the record, marks it expired with an event, once", async () => {
    const now = new Date("2030-01-01T00:00:00Z");
    const due = await finishedJob(new Date(now.getTime() - 1000));
    const later = await finishedJob(new Date(now.getTime() + 60_000));
    const forever = await finishedJob();
    const counts = await expireJobResults(now);
    expect(counts).toEqual({ jobs: 1, files: 2, failed: 0 });
    const { prisma } = database();
    const job = await prisma.job.findUniqueOrThrow({ where: { id: due.job.id } });
    expect(job).toMatchObject({ status: "succeeded", resultFileId: null, expiredAt: now });
    expect(await store.exists(due.result.storageKey)).toBe(false);
    expect(await store.exists(due.input.storageKey)).toBe(false);
    expect(await store.exists(later.result.storageKey)).toBe(true);
    expect(await store.exists(forever.result.storageKey)).toBe(true);
    const events = (await listJobEvents(ws.alpha.workspace.id, due.job.id)).events;
    expect(events.at(-1)).toMatchObject({ type: "expired", status: "succeeded", data: { files_deleted: 2 } });
    await expect(openJobResult(ws.alpha.workspace.id, due.job.id)).rejects.toMatchObject({ status: 410, type: "ResultExpiredError" });
    expect(await expireJobResults(now)).toEqual({ jobs: 0, files: 0, failed: 0 });
    expect(await expireJobResults(new Date(now.getTime() + 120_000))).toEqual({ jobs: 1, files: 2, failed: 0 });
  });

  it("two concurrent sweeps expire each job once", async () => {
    const now = new Date("2031-01-01T00:00:00Z");
    const jobs = await Promise.all([1, 2, 3].map(() => finishedJob(new Date(now.getTime() - 1))));
    const [a, b] = await Promise.all([expireJobResults(now), expireJobResults(now)]);
    expect(a.jobs + b.jobs).toBe(3);
    for (const { job } of jobs) {
      const events = (await listJobEvents(ws.alpha.workspace.id, job.id)).events;
      expect(events.filter((e) => e.type === "expired")).toHaveLength(1);
    }
  });

  it("carries on past a job whose files cannot be deleted, and retries it next time", async () => {
    const now = new Date("2032-01-01T00:00:00Z");
    const stuck = await finishedJob(new Date(now.getTime() - 2));
    const fine = await finishedJob(new Date(now.getTime() - 1));
    const realDelete = store.delete.bind(store);
    const spy = vi.spyOn(store, "delete").mockImplementation(async (key) => {
      if (key === stuck.result.storageKey) throw new Error("EACCES");
      return realDelete(key);
    });
    expect(await expireJobResults(now)).toEqual({ jobs: 1, files: 2, failed: 1 });
    expect(await store.exists(fine.result.storageKey)).toBe(false);
    spy.mockRestore();
    expect(await expireJobResults(now)).toMatchObject({ jobs: 1, failed: 0 });
    expect(await store.exists(stuck.result.storageKey)).toBe(false);
  });
});
