import { z } from "zod";
import { relaySettings } from "@/lib/env/relay";
import { getEnv } from "@/lib/env";
import { definePipeline } from "@/lib/pipelines/define";
import { RELAY_JOB_KIND, relayErrors } from "./errors";
import * as operations from "./operations";
import { RELAY_STAGES } from "./stages";

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

/** The Notion relay's registry entry. */
export const relayPipeline = definePipeline({
  kind: RELAY_JOB_KIND,
  title: "Notion relay",
  description: "Sends an uploaded image to an n8n workflow that creates a Notion page and calls back, signed.",
  scope: "workspace",
  stages: RELAY_STAGES,
  events: relayEvents,
  functions: ["relay-process"],
  operations,
  settings: relaySettings,
  nav: { href: "/relay", label: "Notion relay", icon: "inbox" },
  jobPage: { actions: [{ label: "Open the relay", href: "/relay" }] },
  errors: relayErrors.table,
  retention: { setting: "RELAY_RETENTION", ms: () => getEnv().RELAY_RETENTION },
});
