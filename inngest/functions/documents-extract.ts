import { type Inngest, NonRetriableError } from "inngest";
import { extractBatch, failExtraction, isPermanentExtractionFailure, saveExtraction, startExtractionRun } from "@/lib/documents";
import { inngest } from "../client";
import { documentsExtractionRequested, jobCanceled } from "../events";

async function once<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if (isPermanentExtractionFailure(error)) throw new NonRetriableError((error as Error).message, { cause: error });
    throw error;
  }
}

/**
 * documents-extract: step `start` plans the pages, one `extract-<n>` step per batch of pages runs
 * on the documents worker pool (progress per page), `save` stores the tables and finishes the job.
 * Steps pass page numbers and counts, never tables or bytes (batches go to work files).
 */
export function createDocumentsExtract(client: Inngest) {
  return client.createFunction(
    {
      id: "documents-extract",
      name: "Documents: extract tables",
      triggers: [documentsExtractionRequested],
      retries: 2,
      concurrency: [{ limit: 2, key: "event.data.workspace_id" }],
      cancelOn: [{ event: jobCanceled, if: "async.data.job_id == event.data.job_id" }],
      onFailure: async ({ event, error, step }) => {
        const data = event.data.event.data as { job_id: string; workspace_id: string };
        await step.run("fail-job", () => failExtraction({ jobId: data.job_id, workspaceId: data.workspace_id }, error));
      },
    },
    async ({ event, step }) => {
      const ref = { jobId: event.data.job_id, workspaceId: event.data.workspace_id };
      const plan = await step.run("start", () => once(() => startExtractionRun(ref)));
      for (let i = 0; i < plan.batches.length; i++) await step.run(`extract-${i}`, () => once(() => extractBatch(ref, plan, i)));
      const saved = await step.run("save", () => once(() => saveExtraction(ref, plan)));
      return { job_id: ref.jobId, table_count: saved.tableCount };
    },
  );
}

export const documentsExtract = createDocumentsExtract(inngest);
