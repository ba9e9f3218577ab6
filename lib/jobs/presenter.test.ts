import type { Job } from "@prisma/client";
import { describe, expect, it } from "vitest";
import { toJobResponse } from "./presenter";
import { jobSchema } from "./schemas";

const t0 = new Date("2026-03-01T10:00:00.000Z");
const t1 = new Date("2026-03-01T10:05:00.000Z");
const job = (over: Partial<Job>): Job => ({
  id: "cjob1",
  workspaceId: "w",
  createdById: null,
  kind: "forms",
  status: "queued",
  stage: null,
  progress: 0,
  message: null,
  errorType: null,
  errorDetail: null,
  input: { secret_option: true },
  result: { fields: 3 },
  resultFileId: null,
  createdAt: t0,
  updatedAt: t1,
  startedAt: null,
  finishedAt: null,
  expiresAt: null,
  expiredAt: null,
  ...over,
});

describe("toJobResponse", () => {
  it("shows exactly the public fields of a queued job", () => {
    expect(toJobResponse(job({}))).toEqual({
      job_id: "cjob1",
      kind: "forms",
      status: "queued",
      stage: null,
      progress: 0,
      created_at: "2026-03-01T10:00:00.000Z",
      updated_at: "2026-03-01T10:05:00.000Z",
    });
  });

  it("adds started_at and finished_at once they are known, so clients can show how long a job ran", () => {
    const started = new Date("2026-03-01T10:01:00.000Z");
    expect(toJobResponse(job({ status: "running", startedAt: started }))).toMatchObject({ started_at: started.toISOString() });
    expect(toJobResponse(job({ status: "running", startedAt: started }))).not.toHaveProperty("finished_at");
    const done = toJobResponse(job({ status: "failed", startedAt: started, finishedAt: t1, errorType: "X", errorDetail: "y" }));
    expect(done).toMatchObject({ started_at: started.toISOString(), finished_at: t1.toISOString() });
    // Canceled while queued: finished, never started.
    const canceled = toJobResponse(job({ status: "canceled", finishedAt: t1 }));
    expect(canceled).not.toHaveProperty("started_at");
    expect(canceled.finished_at).toBe(t1.toISOString());
    expect(jobSchema.safeParse(done).success).toBe(true);
  });

  it("adds download_url and expires_at only for a succeeded job with a live result", () => {
    const out = toJobResponse(job({ status: "succeeded", progress: 1, resultFileId: "f1", message: "Done", expiresAt: t1 }));
    expect(out.download_url).toMatch(/^https?:\/\/[^/]+\/api\/v1\/jobs\/cjob1\/result$/);
    expect(out).toMatchObject({ message: "Done", expires_at: t1.toISOString() });
    expect(toJobResponse(job({ status: "running", resultFileId: "f1" })).download_url).toBeUndefined();
    expect(toJobResponse(job({ status: "succeeded", resultFileId: null })).download_url).toBeUndefined();
  });

  it("gives failed jobs an error and expired jobs result_expired", () => {
    expect(toJobResponse(job({ status: "failed", errorType: "EncryptedPdfError", errorDetail: "Encrypted" })).error).toEqual({
      type: "EncryptedPdfError",
      detail: "Encrypted",
    });
    const expired = toJobResponse(job({ status: "succeeded", resultFileId: null, expiresAt: t0, expiredAt: t1 }));
    expect(expired).toMatchObject({ result_expired: true, expired_at: t1.toISOString() });
    expect(expired.download_url).toBeUndefined();
    expect(expired.expires_at).toBeUndefined();
  });

  it("always matches the documented schema", () => {
    for (const j of [
      job({}),
      job({ status: "succeeded", resultFileId: "f", expiresAt: t1, message: "m", stage: "s", progress: 1 }),
      job({ status: "failed", errorType: "X", errorDetail: "d" }),
      job({ status: "succeeded", expiredAt: t1 }),
    ]) {
      expect(jobSchema.strict().parse(toJobResponse(j))).toEqual(toJobResponse(j));
    }
  });
});
