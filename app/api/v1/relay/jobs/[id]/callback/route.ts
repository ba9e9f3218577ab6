// POST /api/v1/relay/jobs/{id}/callback – the n8n workflow's signed callback (no user credentials)
import { inngest } from "@/inngest/client";
import { relayCallbackReceived } from "@/inngest/events";
import { apiRoute } from "@/lib/api";
import { logger } from "@/lib/logging";
import { receiveCallback, storedCallback } from "@/lib/relay";
import { relayCallbackOperation } from "@/lib/relay/operations";

export const POST = apiRoute(relayCallbackOperation, async ({ req, params }) => {
  // Stored first; the event only wakes the waiting run, which reads the store either way.
  const outcome = await receiveCallback(req, params.id);
  if (outcome.changed) {
    const stored = await storedCallback(outcome.jobId);
    try {
      await inngest.send(
        relayCallbackReceived.create(
          { job_id: outcome.jobId, workspace_id: outcome.workspaceId, status: stored?.status ?? "failure" },
          { id: `relay-callback-${outcome.jobId}` },
        ),
      );
    } catch (error) {
      // The run finds the stored callback when its wait ends; the workflow need not retry.
      logger().warn({ err: error, job_id: outcome.jobId }, "relay: could not send the callback event");
    }
  }
  return { job_id: outcome.jobId, status: outcome.status, changed: outcome.changed };
});
