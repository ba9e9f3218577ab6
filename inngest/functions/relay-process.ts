import { type Inngest, NonRetriableError, RetryAfterError } from "inngest";
import { getEnv } from "@/lib/env";
import {
  createNotionPage,
  dispatchRelayJob,
  failRelayJob,
  finishRelayJob,
  NotionRetryableError,
  readRelayCallback,
  RelayJobError,
  relayMode,
  resolveNotionDataSource,
  uploadImageToNotion,
} from "@/lib/relay";
import { inngest } from "../client";
import { jobCanceled, relayCallbackReceived, relayImageUploaded } from "../events";

/** RELAY_CALLBACK_TIMEOUT as an Inngest duration; read at call time, so never throws at import. */
function callbackTimeout(): string {
  return `${Math.max(1, Math.round(getEnv().RELAY_CALLBACK_TIMEOUT / 1000))}s`;
}

/** A relay failure retrying cannot fix stops the run; Notion's Retry-After sets the next attempt. */
async function relayStep<T>(run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (error) {
    if (error instanceof RelayJobError) throw new NonRetriableError(error.message, { cause: error });
    if (error instanceof NotionRetryableError && error.retryAfterMs !== undefined) {
      throw new RetryAfterError(error.message, Math.max(1000, error.retryAfterMs), { cause: error });
    }
    throw error;
  }
}

/**
 * relay-process, n8n mode (RELAY_MODE=n8n, the default): step `dispatch` hands the image to the n8n workflow (5xx, timeouts and refused
 * connections retry with backoff; a 4xx fails the job), then the run waits for the workflow's
 * callback. The callback route stores the callback before sending its event, and this run reads
 * that store before and after waiting, so a callback that lands before the wait begins (Inngest's
 * known race) is never lost. No callback in time: CallbackTimeoutError.
 *
 * Direct mode (RELAY_MODE=notion): one step per Notion call (`notion-data-source`, `notion-upload`,
 * `notion-page`), each recording what Notion made on the relay row before it returns, so a retried
 * step reuses it; then `finish` ends the job from the stored result exactly as a callback would.
 */
export function createRelayProcess(client: Inngest) {
  return client.createFunction(
    {
      id: "relay-process",
      name: "Relay: send an image to Notion through n8n",
      triggers: [relayImageUploaded],
      retries: 4,
      cancelOn: [{ event: jobCanceled, if: "async.data.job_id == event.data.job_id" }],
      onFailure: async ({ event, error, step }) => {
        const data = event.data.event.data as { job_id: string; workspace_id: string };
        await step.run("fail-job", () => failRelayJob({ jobId: data.job_id, workspaceId: data.workspace_id }, error));
      },
    },
    async ({ event, step }) => {
      const ref = { jobId: event.data.job_id, workspaceId: event.data.workspace_id };
      if (relayMode() === "notion") {
        const source = await step.run("notion-data-source", () => relayStep(() => resolveNotionDataSource(ref)));
        const upload = "skipped" in source ? source : await step.run("notion-upload", () => relayStep(() => uploadImageToNotion(ref)));
        if (!("skipped" in source) && !("skipped" in upload)) {
          await step.run("notion-page", () => relayStep(() => createNotionPage(ref, source.dataSourceId, upload.fileUploadId)));
        }
        const result = await step.run("read-result", () => readRelayCallback(ref));
        if (!result) return { job_id: ref.jobId, stopped: "finished before the page was created" };
        const done = await step.run("finish", () => finishRelayJob(ref, result));
        return { job_id: ref.jobId, status: done.status };
      }
      const sent = await step.run("dispatch", () => relayStep(() => dispatchRelayJob(ref)));
      let callback = await step.run("check-callback", () => readRelayCallback(ref));
      if (!sent.dispatched && !callback) return { job_id: ref.jobId, stopped: "finished before dispatch" };
      if (!callback) {
        await step.waitForEvent("wait-for-callback", {
          event: relayCallbackReceived,
          timeout: callbackTimeout(),
          match: "data.job_id",
        });
        // Whatever woke us (the event, or the timeout after a missed event), the store is the truth.
        callback = await step.run("read-callback", () => readRelayCallback(ref));
      }
      const done = await step.run("finish", () => finishRelayJob(ref, callback));
      return { job_id: ref.jobId, status: done.status };
    },
  );
}

export const relayProcess = createRelayProcess(inngest);
