import { type Inngest, NonRetriableError } from "inngest";
import { getEnv } from "@/lib/env";
import { dispatchRelayJob, failRelayJob, finishRelayJob, readRelayCallback, RelayJobError } from "@/lib/relay";
import { inngest } from "../client";
import { jobCanceled, relayCallbackReceived, relayImageUploaded } from "../events";

/** RELAY_CALLBACK_TIMEOUT as an Inngest duration; read at call time, so never throws at import. */
function callbackTimeout(): string {
  return `${Math.max(1, Math.round(getEnv().RELAY_CALLBACK_TIMEOUT / 1000))}s`;
}

/**
 * relay-process: step `dispatch` hands the image to the n8n workflow (5xx, timeouts and refused
 * connections retry with backoff; a 4xx fails the job), then the run waits for the workflow's
 * callback. The callback route stores the callback before sending its event, and this run reads
 * that store before and after waiting, so a callback that lands before the wait begins (Inngest's
 * known race) is never lost. No callback in time: CallbackTimeoutError.
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
      const sent = await step.run("dispatch", async () => {
        try {
          return await dispatchRelayJob(ref);
        } catch (error) {
          if (error instanceof RelayJobError) throw new NonRetriableError(error.message, { cause: error });
          throw error;
        }
      });
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
