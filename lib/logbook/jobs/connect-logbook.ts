import type { Job } from "@prisma/client";
import { AppError } from "@/lib/errors";
import { createJob, failJob } from "@/lib/jobs";
import type { EventSender } from "@/lib/events/sender";
import { logger } from "@/lib/logging";
import { logbookConfig } from "../config";
import { logbookEvents } from "../events";
import type { ConnectRequest } from "../connect/connect-request";
import { credentialHandOff } from "../credentials/hand-off";
import { eightASlug } from "../eight-a/fetch-ascents-page";
import { upsertSource } from "../store/sources";
import { LOGBOOK_JOB_KIND, type LogbookJobInput } from "./types";

const notQueued = () =>
  new AppError("ServiceUnavailableError", "The sync could not be queued; connect again in a moment", 503, undefined, { "Retry-After": "5" });

/**
 * A connect request becomes a queued sync job, before any network call: the source is found or
 * created, the job records what was connected (never the password), an 8a.nu password goes to
 * the in-memory hand-off under the job's id, and `logbook/sync.requested` starts the run.
 */
export async function connectLogbook(request: ConnectRequest, caller: { workspaceId: string; userId: string | null }, send: EventSender): Promise<Job> {
  const source =
    request.kind === "mountain_project"
      ? await upsertSource({ workspaceId: caller.workspaceId, kind: "mountain_project", externalId: request.profile.path, profileUrl: request.profile.url })
      : await upsertSource({ workspaceId: caller.workspaceId, kind: "eight_a", externalId: eightASlug(request.username), username: request.username });
  const input: LogbookJobInput =
    request.kind === "mountain_project"
      ? { source_id: source.id, source: "mountain_project", profile_url: request.profile.url }
      : { source_id: source.id, source: "eight_a", username: request.username };
  const job = await createJob({ workspaceId: caller.workspaceId, createdById: caller.userId, kind: LOGBOOK_JOB_KIND, input, message: "Waiting to start" });
  if (request.kind === "eight_a") {
    credentialHandOff.put(job.id, { username: request.username, password: request.password }, logbookConfig().credentialTtlMs);
  }
  try {
    await send(logbookEvents.syncRequested, { job_id: job.id, workspace_id: caller.workspaceId, source_id: source.id }, { id: `logbook-sync-${job.id}` });
  } catch (error) {
    credentialHandOff.discard(job.id);
    logger().error({ err: error, job_id: job.id }, "logbook: could not queue the sync; failing it");
    await failJob(job.id, { type: "QueueUnavailableError", detail: "The sync could not be queued; connect again" });
    throw notQueued();
  }
  return job;
}
