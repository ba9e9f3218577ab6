import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { createTestUser, type TestUser } from "@/lib/auth/testing";
import { useTestDatabase } from "@/lib/db/testing";
import { createJob, startJob } from "@/lib/jobs";
import { DOCUMENTS_ERRORS, DOCUMENTS_JOB_KIND } from "../errors";
import { useDocumentsTestEnv, type DocumentsTestEnv } from "../testing/env";
import { failExtraction } from "./run-extraction";

// The timeline's insert can be made to fail once, as a lost connection or a constraint would.
const timeline = vi.hoisted(() => ({ failNext: false }));
vi.mock("../timeline", async (importOriginal) => {
  const original = await importOriginal<typeof import("../timeline")>();
  return {
    ...original,
    recordEvents: async (...args: Parameters<typeof original.recordEvents>) => {
      if (timeline.failNext) {
        timeline.failNext = false;
        throw new Error("the timeline entry could not be written");
      }
      return original.recordEvents(...args);
    },
  };
});

const database = useTestDatabase();
let env: DocumentsTestEnv;
let alpha: TestUser;

beforeAll(async () => {
  env = useDocumentsTestEnv();
  alpha = await createTestUser();
});

afterAll(() => env?.close());

async function runningJob() {
  const job = await createJob({ workspaceId: alpha.workspace.id, createdById: alpha.user.id, kind: DOCUMENTS_JOB_KIND });
  await startJob(job.id, { stage: "extracting" });
  return { jobId: job.id, workspaceId: alpha.workspace.id };
}

const failedEntries = (jobId: string) =>
  database().prisma.documentEvent.findMany({ where: { subjectType: "job", subjectId: jobId, type: "job.failed" } });

describe("failExtraction", () => {
  const [errorType] = Object.keys(DOCUMENTS_ERRORS);
  const error = { name: errorType, message: "The document could not be read" };

  it("fails the job and writes its job.failed entry in one transaction", async () => {
    const ref = await runningJob();
    expect(await failExtraction(ref, error)).toEqual({ type: errorType, detail: error.message });
    expect(await database().prisma.job.findUniqueOrThrow({ where: { id: ref.jobId } })).toMatchObject({ status: "failed", errorType });
    expect((await failedEntries(ref.jobId)).map((e) => e.data)).toEqual([{ error_type: errorType }]);
    // A retried onFailure step changes nothing: still one entry.
    await failExtraction(ref, error);
    expect(await failedEntries(ref.jobId)).toHaveLength(1);
  });

  it("leaves the job running when its entry cannot be written, so the retried step fails both together", async () => {
    const ref = await runningJob();
    timeline.failNext = true;
    await expect(failExtraction(ref, error)).rejects.toThrow("could not be written");
    expect((await database().prisma.job.findUniqueOrThrow({ where: { id: ref.jobId } })).status).toBe("running");
    expect(await failedEntries(ref.jobId)).toHaveLength(0);

    await failExtraction(ref, error);
    expect((await database().prisma.job.findUniqueOrThrow({ where: { id: ref.jobId } })).status).toBe("failed");
    expect(await failedEntries(ref.jobId)).toHaveLength(1);
  });
});
