import { eventType } from "inngest";
import { z } from "zod";

/**
 * The event catalogue: every event Conveyor sends or listens to, with its data schema.
 * Names are `area/noun.verb`. Functions trigger on these (`triggers: [jobCanceled]`) and senders
 * build them with `jobCanceled.create({...})` so the payload is type-checked.
 *
 * `workspace_id` in an event's data is a convention the engine relies on: runs it triggers are
 * recorded as belonging to that workspace (owners see their own runs).
 */

/** A job was deleted or canceled by a user; its pipeline run stops (cancelOn). */
export const jobCanceled = eventType("jobs/job.canceled", {
  schema: z.object({ job_id: z.string().min(1), workspace_id: z.string().min(1) }),
});

/** Asks the engine to run its self-test function (operators, health checks, smoke tests). */
export const selfTestRequested = eventType("conveyor/self-test.requested", {
  schema: z.object({ nonce: z.string().min(1).max(200) }),
});

/** A PDF passed the upload checks and its forms job is queued: `forms-process` makes it fillable. */
export const formsPdfUploaded = eventType("forms/pdf.uploaded", {
  schema: z.object({ job_id: z.string().min(1), workspace_id: z.string().min(1) }),
});

/**
 * A logbook source was connected and its sync job queued: `logbook-sync` fetches, cleans, exports,
 * analyses and saves. Never holds a password or session: 8a.nu credentials wait in memory only.
 */
export const logbookSyncRequested = eventType("logbook/sync.requested", {
  schema: z.object({ job_id: z.string().min(1), workspace_id: z.string().min(1), source_id: z.string().min(1) }),
});

/** An operator asked for a contracts aggregation run ("run now"); `run_id` names its queued row. */
export const contractsRunRequested = eventType("contracts/run.requested", {
  schema: z.object({ run_id: z.string().min(1).max(100) }),
});

/** An image was accepted for the Notion relay and its job is queued: `relay-process` dispatches it. */
export const relayImageUploaded = eventType("relay/image.uploaded", {
  schema: z.object({ job_id: z.string().min(1), workspace_id: z.string().min(1) }),
});

/** The n8n workflow called back for a relay job (already stored); the waiting run wakes on it. */
export const relayCallbackReceived = eventType("relay/callback.received", {
  schema: z.object({ job_id: z.string().min(1), workspace_id: z.string().min(1), status: z.enum(["success", "failure"]) }),
});

/** An extraction job was queued: `documents-extract` reads the document's pages and saves its tables. */
export const documentsExtractionRequested = eventType("documents/extraction.requested", {
  schema: z.object({ job_id: z.string().min(1), workspace_id: z.string().min(1) }),
});
