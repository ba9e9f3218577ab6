import { beforeEach, describe, expect, it } from "vitest";
import type { EventSender } from "@/lib/events/sender";
import { emitJobCanceled } from "./emit";

const sent: unknown[] = [];
let failure: Error | undefined;
// A plain function rather than vi.fn(): the failure case must stay inside emitJobCanceled.
const send: EventSender = async (event, data, options) => {
  sent.push({ name: event.name, data: event.schema.parse(data), id: options?.id });
  if (failure) throw failure;
};

beforeEach(() => {
  sent.length = 0;
  failure = undefined;
});

describe("emitJobCanceled", () => {
  it("sends jobs/job.canceled with the job and workspace, deduplicated by job", async () => {
    await emitJobCanceled({ jobId: "job1", workspaceId: "ws1" }, send);
    expect(sent).toHaveLength(1);
    expect(sent[0]).toMatchObject({ name: "jobs/job.canceled", data: { job_id: "job1", workspace_id: "ws1" }, id: "job-canceled-job1" });
  });

  it("never throws: the job is already canceled when the send fails", async () => {
    failure = new Error("engine unreachable");
    await expect(emitJobCanceled({ jobId: "job2", workspaceId: "ws1" }, send)).resolves.toBeUndefined();
    expect(sent).toHaveLength(1);
  });
});
