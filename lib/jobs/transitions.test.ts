import { beforeAll, describe, expect, it } from "vitest";
import { createTestUser, type TestUser } from "@/lib/auth/testing";
import { useTestDatabase } from "@/lib/db/testing";
import { metrics } from "@/lib/metrics";
import { createJob } from "./create-job";
import { listJobEvents } from "./read";
import { cancelJob, completeJob, failJob, reopenJob, startJob, updateJobProgress } from "./transitions";

const database = useTestDatabase();
const ws = {} as Record<"alpha" | "beta", TestUser>;

beforeAll(async () => {
  ws.alpha = await createTestUser();
  ws.beta = await createTestUser();
});

const newJob = (extra: { message?: string } = {}) =>
  createJob({ workspaceId: ws.alpha.workspace.id, createdById: ws.alpha.user.id, kind: "forms", ...extra });
const events = async (jobId: string) => (await listJobEvents(ws.alpha.workspace.id, jobId)).events;

describe("job transitions", () => {
  it("creates a queued job with a created event", async () => {
    const job = await newJob({ message: "Waiting" });
    expect(job).toMatchObject({ status: "queued", progress: 0, kind: "forms", message: "Waiting" });
    expect((await events(job.id)).map((e) => [e.type, e.status])).toEqual([["created", "queued"]]);
    await expect(createJob({ workspaceId: ws.alpha.workspace.id, createdById: null, kind: "Bad Kind" })).rejects.toThrow();
  });

  it("records the lifecycle as ordered events", async () => {
    const job = await newJob();
    await startJob(job.id, { stage: "analyze", message: "Reading the PDF" });
    await updateJobProgress(job.id, { progress: 0.25, message: "Page 1 of 4" });
    await updateJobProgress(job.id, { stage: "detect", progress: 0.5, data: { pages: 4 } });
    const done = await completeJob(job.id, { result: { fields: 12 }, message: "Done" });
    expect(done.applied).toBe(true);
    expect(done.job).toMatchObject({ status: "succeeded", progress: 1, stage: "detect", message: "Done", result: { fields: 12 } });
    expect(done.job.startedAt).toBeInstanceOf(Date);
    expect(done.job.finishedAt).toBeInstanceOf(Date);
    const timeline = await events(job.id);
    expect(timeline.map((e) => [e.type, e.status, e.stage, e.progress])).toEqual([
      ["created", "queued", null, 0],
      ["started", "running", "analyze", 0],
      ["progress", "running", "analyze", 0.25],
      ["progress", "running", "detect", 0.5],
      ["succeeded", "succeeded", "detect", 1],
    ]);
    expect(timeline[3].data).toEqual({ pages: 4 });
    const ids = timeline.map((e) => e.id);
    expect([...ids].sort((a, b) => (a < b ? -1 : 1))).toEqual(ids);
  });

  it("clamps progress to 0..1 and ignores NaN", async () => {
    const job = await newJob();
    expect((await updateJobProgress(job.id, { progress: 7 })).job.progress).toBe(1);
    expect((await updateJobProgress(job.id, { progress: -3 })).job.progress).toBe(0);
    expect((await updateJobProgress(job.id, { progress: 0.4 })).job.progress).toBe(0.4);
    expect((await updateJobProgress(job.id, { progress: Number.NaN, message: "still" })).job.progress).toBe(0.4);
  });

  it("a job reporting progress while queued is running", async () => {
    const job = await newJob();
    const { job: after } = await updateJobProgress(job.id, { stage: "render", progress: 0.1 });
    expect(after.status).toBe("running");
    expect(after.startedAt).toBeInstanceOf(Date);
  });

  it("is idempotent: retried steps add no events", async () => {
    const job = await newJob();
    expect((await startJob(job.id, { stage: "analyze" })).applied).toBe(true);
    expect((await startJob(job.id, { stage: "analyze" })).applied).toBe(false);
    expect((await updateJobProgress(job.id, { progress: 0.5 })).applied).toBe(true);
    expect((await updateJobProgress(job.id, { progress: 0.5 })).applied).toBe(false);
    expect((await completeJob(job.id)).applied).toBe(true);
    expect((await completeJob(job.id)).applied).toBe(false);
    expect((await events(job.id)).map((e) => e.type)).toEqual(["created", "started", "progress", "succeeded"]);
  });

  it("never leaves a terminal state", async () => {
    for (const end of [
      (id: string) => failJob(id, { type: "EncryptedPdfError", detail: "The PDF is encrypted" }),
      (id: string) => cancelJob(id),
      (id: string) => completeJob(id),
    ]) {
      const job = await newJob();
      const first = await end(job.id);
      expect(first.applied).toBe(true);
      const attempts = [
        await startJob(job.id, { stage: "x" }),
        await updateJobProgress(job.id, { progress: 0.9, message: "late" }),
        await completeJob(job.id, { message: "late" }),
        await failJob(job.id, { type: "LateError", detail: "late" }),
        await cancelJob(job.id),
      ];
      expect(attempts.every((a) => !a.applied && a.job.status === first.job.status)).toBe(true);
      expect((await events(job.id)).length).toBe(2);
    }
  });

  it("stores failures with a safe error type and a scrubbed detail", async () => {
    const job = await newJob();
    const { job: failed } = await failJob(job.id, { type: "bad type!", detail: "token cvk_abcdefghijklmnop leaked" });
    expect(failed).toMatchObject({ status: "failed", errorType: "JobError" });
    expect(failed.errorDetail).not.toContain("cvk_abcdefghijklmnop");
    const [, event] = await events(job.id);
    expect(event.data).toEqual({ type: "JobError", detail: failed.errorDetail });
  });

  it("fails a job together with the caller's own writes, or not at all", async () => {
    const job = await newJob();
    await startJob(job.id, { stage: "analyze" });
    const error = { type: "EncryptedPdfError", detail: "The PDF is encrypted" };
    await expect(failJob(job.id, error, { alsoWrite: async () => { throw new Error("the entry could not be written"); } })).rejects.toThrow("could not be written");
    expect((await database().prisma.job.findUniqueOrThrow({ where: { id: job.id } })).status).toBe("running");
    expect((await events(job.id)).map((e) => e.type)).toEqual(["created", "started"]);

    const seen: string[] = [];
    const failed = await failJob(job.id, error, {
      alsoWrite: async (tx, j) => {
        seen.push(j.status, (await tx.job.findUniqueOrThrow({ where: { id: job.id } })).status);
      },
    });
    expect(failed.applied).toBe(true);
    expect(seen).toEqual(["failed", "failed"]);
    // A job that has ended already fails no more: the caller's writes are not made twice.
    const again = await failJob(job.id, error, { alsoWrite: async () => void seen.push("again") });
    expect(again.applied).toBe(false);
    expect(seen).toEqual(["failed", "failed"]);
  });

  it("keeps concurrent updates and their events in one order", async () => {
    const job = await newJob();
    await startJob(job.id, { stage: "s" });
    await Promise.all(Array.from({ length: 12 }, (_, i) => updateJobProgress(job.id, { progress: (i + 1) / 100, message: `m${i}` })));
    await completeJob(job.id);
    const timeline = await events(job.id);
    expect(timeline).toHaveLength(15);
    expect(timeline.at(-1)!.type).toBe("succeeded");
    const final = await database().prisma.job.findUniqueOrThrow({ where: { id: job.id } });
    // The job row and the last progress event agree: each event saw the state its change wrote.
    const lastProgress = timeline.filter((e) => e.type === "progress").at(-1)!;
    expect(final.message).toBe(lastProgress.message);
  });

  it("links the result file and refuses one from another workspace", async () => {
    const job = await newJob();
    const own = await database().prisma.storedFile.create({
      data: { workspaceId: ws.alpha.workspace.id, purpose: "result", storageKey: `k-${job.id}`, filename: "r.pdf", contentType: "application/pdf", size: 1n, sha256: "x" },
    });
    const foreign = await database().prisma.storedFile.create({
      data: { workspaceId: ws.beta.workspace.id, purpose: "result", storageKey: `f-${job.id}`, filename: "r.pdf", contentType: "application/pdf", size: 1n, sha256: "x" },
    });
    await expect(completeJob(job.id, { resultFileId: foreign.id })).rejects.toThrow(/not in the job's workspace/);
    const { job: done } = await completeJob(job.id, { resultFileId: own.id });
    expect(done.resultFileId).toBe(own.id);
    expect((await database().prisma.storedFile.findUniqueOrThrow({ where: { id: own.id } })).jobId).toBe(job.id);
  });

  it("observes the duration histogram once per finished job", async () => {
    const job = await createJob({ workspaceId: ws.alpha.workspace.id, createdById: null, kind: "histotest" });
    await failJob(job.id, { type: "X", detail: "x" });
    await failJob(job.id, { type: "X", detail: "x" });
    const text = await metrics().registry.getSingleMetricAsString("conveyor_job_duration_seconds");
    expect(text).toContain('conveyor_job_duration_seconds_count{kind="histotest",status="failed"} 1');
  });

  it("answers NotFound for an unknown job", async () => {
    await expect(startJob("nope", { stage: "x" })).rejects.toMatchObject({ status: 404 });
  });

  it("reopens only a succeeded, unexpired job, once, keeping its result file link for a later completion", async () => {
    const job = await newJob();
    await startJob(job.id, { stage: "write" });
    await completeJob(job.id, { result: { fields: 3 }, message: "Done" });
    const reopen = () => reopenJob(job.id, { stage: "write", progress: 0.9, message: "Rebuilding", result: { fields: 3, edit: "pending" }, event: { type: "edited", data: { added: 1 } } });
    const first = await reopen();
    expect(first.applied).toBe(true);
    expect(first.job).toMatchObject({ status: "running", stage: "write", progress: 0.9, message: "Rebuilding", finishedAt: null, result: { edit: "pending" } });
    // A second request while it runs changes nothing: of two concurrent edits, one wins.
    expect((await reopen()).applied).toBe(false);
    expect((await events(job.id)).filter((e) => e.type === "edited").map((e) => [e.status, e.data])).toEqual([["running", { added: 1 }]]);
    expect((await completeJob(job.id, { message: "Rebuilt" })).job).toMatchObject({ status: "succeeded", progress: 1 });

    const failed = await newJob();
    await failJob(failed.id, { type: "X", detail: "no" });
    expect((await reopenJob(failed.id, { stage: "write", progress: 0.9, event: { type: "edited" } })).applied).toBe(false);
    const expired = await newJob();
    await completeJob(expired.id, {});
    await database().prisma.job.update({ where: { id: expired.id }, data: { expiredAt: new Date() } });
    expect((await reopenJob(expired.id, { stage: "write", progress: 0.9, event: { type: "edited" } })).applied).toBe(false);
  });
});
