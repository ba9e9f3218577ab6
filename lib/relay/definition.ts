import { relaySettings } from "@/lib/env/relay";
import { getEnv } from "@/lib/env";
import { definePipeline } from "@/lib/pipelines/define";
import { RELAY_JOB_KIND, relayErrors } from "./errors";
import { relayEvents } from "./events";
import * as operations from "./operations";
import { RELAY_STAGES } from "./stages";

export { relayEvents } from "./events";

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
