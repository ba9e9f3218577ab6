import fs from "node:fs";
import path from "node:path";
import { NonRetriableError } from "inngest";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestUser, type TestUser } from "@/lib/auth/testing";
import { useTestDatabase } from "@/lib/db/testing";
import { AppError } from "@/lib/errors";
import { cancelJob, createJob, failJob, startJob } from "@/lib/jobs";
import { saveFile } from "@/lib/storage";
import { pdfParseError } from "../errors";
import { cleanUpStoppedFormsJob, sweepFormsJobFolders } from "./cleanup";
import { formsJobFailure, isPermanentFailure } from "./failure";
import { formsJobPaths, resultFilename } from "./paths";
import { STAGE_SPAN, stageProgress } from "./progress";
import { useFormsTestEnv, type FormsTestEnv } from "./testing";

const database = useTestDatabase();
let env: FormsTestEnv;
let owner: TestUser;

beforeAll(async () => {
  env = useFormsTestEnv();
  owner = await createTestUser();
});
afterAll(() => env?.close());

describe("formsJobFailure", () => {
  it("keeps the type and message of the pipeline's errors, also serialized and wrapped", () => {
    const parse = pdfParseError("bad xref");
    expect(formsJobFailure(parse)).toEqual({ type: "PdfParseError", detail: parse.message });
    const wrapped = new NonRetriableError(parse.message, { cause: parse });
    expect(formsJobFailure(wrapped)).toEqual({ type: "PdfParseError", detail: parse.message });
    // What onFailure receives: plain objects after the SDK's serialization, nested in a step error.
    const serialized = { name: "StepError", message: "step failed", cause: { name: "NonRetriableError", message: "x", cause: { name: "PdfWriteError", message: "The fillable PDF could not be written" } } };
    expect(formsJobFailure(serialized)).toEqual({ type: "PdfWriteError", detail: "The fillable PDF could not be written" });
  });

  it("never shows the message of an unexpected error", () => {
    const failure = formsJobFailure({ name: "Error", message: "ENOENT: /var/data/files/ws/secret.pdf" });
    expect(failure.type).toBe("InternalError");
    expect(failure.detail).not.toContain("/var/data");
    expect(formsJobFailure({ name: "TypeError", message: "x is undefined", cause: { name: "SomethingElse", message: "/etc" } }).type).toBe("InternalError");
  });

  it("treats client errors as permanent and everything else as worth a retry", () => {
    expect(isPermanentFailure(pdfParseError())).toBe(true);
    expect(isPermanentFailure(new AppError("ServiceUnavailableError", "later", 503))).toBe(false);
    expect(isPermanentFailure(new Error("socket hang up"))).toBe(false);
  });
});

describe("progress and names", () => {
  it("spreads the stages over 0..1 in order, each reaching its end on its last page", () => {
    const order = ["validating", "rendering", "detecting", "writing"] as const;
    for (let i = 1; i < order.length; i++) expect(STAGE_SPAN[order[i]][0]).toBe(STAGE_SPAN[order[i - 1]][1]);
    expect(stageProgress("validating", 0, 10)).toBe(0);
    expect(stageProgress("rendering", 5, 10)).toBeCloseTo(0.425);
    expect(stageProgress("writing", 10, 10)).toBe(0.99);
    expect(stageProgress("rendering", 12, 10)).toBe(STAGE_SPAN.rendering[1]);
  });

  it("names the result <original>-fillable.pdf", () => {
    expect(resultFilename("Lease application.pdf")).toBe("Lease application-fillable.pdf");
    expect(resultFilename("SCAN.PDF")).toBe("SCAN-fillable.pdf");
    expect(resultFilename("notes")).toBe("notes-fillable.pdf");
    expect(resultFilename(".pdf")).toBe("form-fillable.pdf");
  });
});

describe("clean-up of job folders", () => {
  async function jobWithFolder(status: "running" | "failed" | "canceled" | "succeeded", kind = "forms") {
    const job = await createJob({ workspaceId: owner.workspace.id, createdById: owner.user.id, kind });
    await saveFile({ workspaceId: owner.workspace.id, jobId: job.id, purpose: "input", filename: "in.pdf", source: Buffer.from("%PDF-1.7\n") });
    await startJob(job.id, { stage: "rendering" });
    if (status === "failed") await failJob(job.id, { type: "PdfParseError", detail: "bad" });
    if (status === "canceled") await cancelJob(job.id);
    if (status === "succeeded") await database().prisma.job.update({ where: { id: job.id }, data: { status: "succeeded" } });
    const ref = { jobId: job.id, workspaceId: owner.workspace.id };
    const { workDir } = formsJobPaths(ref);
    fs.mkdirSync(path.join(workDir, "previews"), { recursive: true });
    fs.writeFileSync(path.join(workDir, "previews", "0001.jpg"), "jpeg");
    return { job, ref, dir: formsJobPaths(ref).dir };
  }

  it("removes a stopped job's folder and files, and leaves running, succeeded and other pipelines' jobs alone", async () => {
    const canceled = await jobWithFolder("canceled");
    expect(await cleanUpStoppedFormsJob(canceled.ref)).toEqual({ removed: true, files: 1 });
    expect(fs.existsSync(canceled.dir)).toBe(false);
    for (const status of ["running", "succeeded"] as const) {
      const kept = await jobWithFolder(status);
      expect(await cleanUpStoppedFormsJob(kept.ref)).toEqual({ removed: false, files: 0 });
      expect(fs.existsSync(kept.dir)).toBe(true);
    }
    const other = await jobWithFolder("canceled", "logbook");
    expect((await cleanUpStoppedFormsJob(other.ref)).removed).toBe(false);
    expect(await database().prisma.storedFile.count({ where: { jobId: other.job.id } })).toBe(1);
  });

  it("sweeps folders of deleted, failed, canceled and expired jobs only", async () => {
    const running = await jobWithFolder("running");
    const succeeded = await jobWithFolder("succeeded");
    const failed = await jobWithFolder("failed");
    const expired = await jobWithFolder("succeeded");
    await database().prisma.job.update({ where: { id: expired.job.id }, data: { expiredAt: new Date() } });
    const deleted = await jobWithFolder("running");
    await database().prisma.job.delete({ where: { id: deleted.job.id } });
    const removed = await sweepFormsJobFolders();
    expect(removed).toBeGreaterThanOrEqual(3);
    expect([running, succeeded, failed, expired, deleted].map((j) => fs.existsSync(j.dir))).toEqual([true, true, false, false, false]);
    expect(await sweepFormsJobFolders()).toBe(0);
  });
});
