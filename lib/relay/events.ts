import { z } from "zod";

const jobRef = z.object({ job_id: z.string().min(1), workspace_id: z.string().min(1) });

/** The relay events (typed here, so inngest/events.ts keeps their data types). */
export const relayEvents = {
  imageUploaded: {
    name: "relay/image.uploaded",
    description: "An image was accepted for the Notion relay and its job is queued: `relay-process` dispatches it.",
    schema: jobRef,
  },
  callbackReceived: {
    name: "relay/callback.received",
    description: "The n8n workflow called back for a relay job (already stored); the waiting run wakes on it.",
    schema: jobRef.extend({ status: z.enum(["success", "failure"]) }),
  },
} as const;
