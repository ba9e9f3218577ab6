import { eventType } from "inngest";
import { z } from "zod";
import { contractsEvents } from "@/lib/contracts/definition";
import { formsEvents } from "@/lib/forms/definition";
import { jobEvents } from "@/lib/jobs/events";
import { logbookEvents } from "@/lib/logbook/definition";
import { relayEvents } from "@/lib/relay/definition";
import { documentsEvents } from "@/lib/documents/definition";

/**
 * The event catalogue: every event Conveyor sends or listens to, with its data schema. Pipelines
 * declare theirs in their registry entry (`events`); this file makes them typed event types.
 * Names are `area/noun.verb`. Functions trigger on these (`triggers: [jobCanceled]`) and senders
 * build them with `jobCanceled.create({...})` so the payload is type-checked.
 *
 * `workspace_id` in an event's data is a convention the engine relies on: runs it triggers are
 * recorded as belonging to that workspace (owners see their own runs).
 */

/** A job was deleted or canceled by a user; its pipeline run stops (cancelOn). */
export const jobCanceled = eventType(jobEvents.canceled.name, { schema: jobEvents.canceled.schema });

/** Asks the engine to run its self-test function (operators, health checks, smoke tests). */
export const selfTestRequested = eventType("conveyor/self-test.requested", {
  schema: z.object({ nonce: z.string().min(1).max(200) }),
});

/** A PDF passed the upload checks and its forms job is queued: `forms-process` makes it fillable. */
export const formsPdfUploaded = eventType(formsEvents.uploaded.name, { schema: formsEvents.uploaded.schema });
/** A person edited a finished forms job's fields: `forms-rewrite` rebuilds its PDF. */
export const formsFieldsEdited = eventType(formsEvents.fieldsEdited.name, { schema: formsEvents.fieldsEdited.schema });

export const logbookSyncRequested = eventType(logbookEvents.syncRequested.name, { schema: logbookEvents.syncRequested.schema });
export const contractsRunRequested = eventType(contractsEvents.runRequested.name, { schema: contractsEvents.runRequested.schema });
export const relayImageUploaded = eventType(relayEvents.imageUploaded.name, { schema: relayEvents.imageUploaded.schema });
export const relayCallbackReceived = eventType(relayEvents.callbackReceived.name, { schema: relayEvents.callbackReceived.schema });
export const documentsExtractionRequested = eventType(documentsEvents.extractionRequested.name, { schema: documentsEvents.extractionRequested.schema });
