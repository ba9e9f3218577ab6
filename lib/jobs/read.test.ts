import { beforeAll, describe, expect, it } from "vitest";
import { createTestUser, type TestUser } from "@/lib/auth/testing";
import { useTestDatabase } from "@/lib/db/testing";
import { createJob } from "./create-job";
import { decodeCursor, encodeCursor } from "./cursor";
import { getJob, listJobEvents, listJobs } from "./read";
import { startJob, updateJobProgress } from "./transitions";

const database = useTestDatabase();
const ws = {} as Record<"alpha" | "beta", TestUser>;
const base = Date.parse("2026-01-01T00:00:00.000Z");

/** A job with a chosen creation time; several share one millisecond to exercise the id tie-break. */
async function jobAt(workspace: "alpha" | "beta", ms: number, kind = "forms") {
  const job = await createJob({ workspaceId: ws[workspace].workspace.id, createdById: null, kind });
  return database().prisma.job.update({ where: { id: job.id }, data: { createdAt: new Date(base + ms) } });
}

async function pageAll(opts: { limit: number; kind?: string }, between?: (page: number) => Promise<void>) {
  const seen: string[] = [];
  let cursor: string | undefined;
  for (let page = 0; page < 50; page++) {
    const res = await listJobs(ws.alpha.workspace.id, { ...opts, cursor });
    seen.push(...res.jobs.map((j) => j.id));
    if (!res.nextCursor) return seen;
    cursor = res.nextCursor;
    await between?.(page);
  }
  throw new Error("pagination did not end");
}

beforeAll(async () => {
  ws.alpha = await createTestUser();
  ws.beta = await createTestUser();
  for (let i = 0; i < 23; i++) await jobAt("alpha", Math.floor(i / 3) * 1000, i % 4 === 0 ? "logbook" : "forms");
  for (let i = 0; i < 5; i++) await jobAt("beta", i * 1000);
});

describe("listJobs", () => {
  it("pages newest first through every job exactly once, in (created_at, id) order", async () => {
    const seen = await pageAll({ limit: 5 });
    expect(seen).toHaveLength(23);
    expect(new Set(seen).size).toBe(23);
    const rows = await database().prisma.job.findMany({ where: { workspaceId: ws.alpha.workspace.id } });
    const expected = rows
      .sort((a, b) => b.createdAt.getTime() - a.createdAt.getTime() || (a.id < b.id ? 1 : a.id > b.id ? -1 : 0))
      .map((j) => j.id);
    expect(seen).toEqual(expected);
  });

  it("is stable while jobs are inserted between pages", async () => {
    const before = await pageAll({ limit: 100 });
    const inserted: string[] = [];
    const seen = await pageAll({ limit: 4 }, async (page) => {
      // New jobs land before the cursor position; they must not shift or repeat later pages.
      inserted.push((await jobAt("alpha", 100_000 + page)).id);
    });
    expect(inserted.length).toBeGreaterThan(3);
    expect(seen).toEqual(before);
    await database().prisma.job.deleteMany({ where: { id: { in: inserted } } });
  });

  it("filters by kind and status, and never shows another workspace's jobs", async () => {
    const logbook = await listJobs(ws.alpha.workspace.id, { kind: "logbook", limit: 100 });
    expect(logbook.jobs).toHaveLength(6);
    expect(logbook.jobs.every((j) => j.kind === "logbook")).toBe(true);
    const some = logbook.jobs[0];
    await startJob(some.id, { stage: "x" });
    const running = await listJobs(ws.alpha.workspace.id, { status: "running", limit: 100 });
    expect(running.jobs.map((j) => j.id)).toEqual([some.id]);
    const beta = await listJobs(ws.beta.workspace.id, { limit: 100 });
    expect(beta.jobs).toHaveLength(5);
    expect(beta.jobs.every((j) => j.workspaceId === ws.beta.workspace.id)).toBe(true);
    expect(await pageAll({ limit: 7, kind: "logbook" })).toHaveLength(6);
  });

  it("bounds the limit and returns no cursor on the last page", async () => {
    expect((await listJobs(ws.alpha.workspace.id, { limit: 1000 })).jobs.length).toBeLessThanOrEqual(100);
    expect((await listJobs(ws.alpha.workspace.id, { limit: 0 })).jobs).toHaveLength(1);
    expect((await listJobs(ws.alpha.workspace.id, { limit: 23 })).nextCursor).toBeNull();
    expect((await listJobs(ws.alpha.workspace.id, { limit: 22 })).nextCursor).not.toBeNull();
  });

  it("rejects forged or garbled cursors with a 422 naming query.cursor", async () => {
    const forged = [
      "not a cursor!",
      Buffer.from("yesterday|abc").toString("base64url"),
      Buffer.from("2026-01-01T00:00:00.000Z|a|b").toString("base64url"),
      Buffer.from("2026-01-01T00:00:00.000Z|").toString("base64url"),
      Buffer.from("2026-01-01T00:00:00.000Z|'; DROP TABLE jobs").toString("base64url"),
    ];
    for (const cursor of forged) {
      const error = await listJobs(ws.alpha.workspace.id, { cursor, limit: 5 }).catch((e) => e);
      expect(error, cursor).toMatchObject({ status: 422, type: "ValidationError" });
      expect(error.details[0].path).toBe("query.cursor");
    }
    const c = { createdAt: new Date(base), id: "cabc123" };
    expect(decodeCursor(encodeCursor(c))).toEqual(c);
  });
});

describe("getJob and listJobEvents", () => {
  it("answers NotFound for foreign and unknown jobs", async () => {
    const [betaJob] = (await listJobs(ws.beta.workspace.id, { limit: 1 })).jobs;
    await expect(getJob(ws.alpha.workspace.id, betaJob.id)).rejects.toMatchObject({ status: 404 });
    await expect(getJob(ws.alpha.workspace.id, "missing")).rejects.toMatchObject({ status: 404 });
    await expect(listJobEvents(ws.alpha.workspace.id, betaJob.id)).rejects.toMatchObject({ status: 404 });
    expect((await getJob(ws.beta.workspace.id, betaJob.id)).id).toBe(betaJob.id);
  });

  it("reads every field exactly as Prisma does: JSON, enums, nulls and UTC timestamps", async () => {
    const job = await createJob({ workspaceId: ws.alpha.workspace.id, createdById: ws.alpha.user.id, kind: "forms", input: { pages: 2, nested: { ok: true } } });
    await database().prisma.job.update({
      where: { id: job.id },
      data: { status: "succeeded", stage: "writing", progress: 0.75, message: "done", result: { fields: [1, 2] }, startedAt: new Date("2026-03-01T23:59:59.123Z"), finishedAt: new Date("2026-03-02T00:00:01.007Z"), expiresAt: new Date("2026-03-03T00:00:00.000Z") },
    });
    const viaPrisma = await database().prisma.job.findUniqueOrThrow({ where: { id: job.id } });
    expect(await getJob(ws.alpha.workspace.id, job.id)).toEqual(viaPrisma);
    // Twice: the second read uses the prepared statement on PostgreSQL.
    expect(await getJob(ws.alpha.workspace.id, job.id)).toEqual(viaPrisma);
  });

  it("pages events after a known id", async () => {
    const job = await createJob({ workspaceId: ws.alpha.workspace.id, createdById: null, kind: "forms" });
    for (let i = 1; i <= 5; i++) await updateJobProgress(job.id, { progress: i / 10 });
    const all = await listJobEvents(ws.alpha.workspace.id, job.id);
    expect(all.events).toHaveLength(6);
    const first = await listJobEvents(ws.alpha.workspace.id, job.id, { limit: 2 });
    expect(first).toMatchObject({ hasMore: true });
    const rest = await listJobEvents(ws.alpha.workspace.id, job.id, { after: first.events[1].id });
    expect(rest.hasMore).toBe(false);
    expect([...first.events, ...rest.events].map((e) => e.id)).toEqual(all.events.map((e) => e.id));
  });
});
