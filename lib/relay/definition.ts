import { relaySettings } from "@/lib/env/relay";
import { getEnv } from "@/lib/env";
import { definePipeline } from "@/lib/pipelines/define";
import { RELAY_JOB_KIND, relayErrors } from "./errors";
import { relayEvents } from "./events";
import * as operations from "./operations";
import { RELAY_STAGES } from "./stages";

export { relayEvents } from "./events";

/**
 * The Notion relay's registry entry. Its settings (lib/env/relay.ts): RELAY_MODE (n8n | notion),
 * RELAY_N8N_WEBHOOK_URL and RELAY_SIGNING_SECRET (n8n mode), NOTION_TOKEN and NOTION_BASE_URL
 * (direct mode), RELAY_NOTION_DATABASE_ID, RELAY_MAX_BYTES, RELAY_CALLBACK_TIMEOUT, RELAY_RETENTION.
 */
export const relayPipeline = definePipeline({
  kind: RELAY_JOB_KIND,
  title: "Notion relay",
  description:
    "Sends an uploaded image to Notion as a new page: through an n8n workflow that calls back, signed (RELAY_MODE=n8n), or directly with Notion's API (RELAY_MODE=notion).",
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
