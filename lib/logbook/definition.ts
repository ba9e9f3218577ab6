import { z } from "zod";
import { logbookSettings } from "@/lib/env/logbook";
import { definePipeline } from "@/lib/pipelines/define";
import { logbookConfig } from "./config";
import { logbookErrors } from "./errors";
import { removeLogbookWorkArea } from "./jobs/failure";
import { LOGBOOK_JOB_KIND, LOGBOOK_STAGES } from "./jobs/types";
import * as operations from "./operations";

/** The logbook events (typed here, so inngest/events.ts keeps their data types). */
export const logbookEvents = {
  syncRequested: {
    name: "logbook/sync.requested",
    description:
      "A logbook source was connected and its sync job queued: `logbook-sync` fetches, cleans, exports, analyses and saves. Never holds a password or session: 8a.nu credentials wait in memory only.",
    schema: z.object({ job_id: z.string().min(1), workspace_id: z.string().min(1), source_id: z.string().min(1) }),
  },
} as const;

/** The logbook pipeline's registry entry. */
export const logbookPipeline = definePipeline({
  kind: LOGBOOK_JOB_KIND,
  title: "Logbook",
  description: "Fetches a climber's ticks from Mountain Project or 8a.nu, cleans them, exports a CSV and computes the performance pyramids.",
  scope: "workspace",
  stages: LOGBOOK_STAGES,
  events: logbookEvents,
  functions: ["logbook-sync"],
  operations,
  settings: logbookSettings,
  nav: { href: "/logbook", label: "Logbook", icon: "book" },
  jobPage: { actions: [{ label: "Open the logbook", href: "/logbook?job={id}" }] },
  errors: logbookErrors.table,
  retention: { setting: "LOGBOOK_RETENTION", ms: () => logbookConfig().retentionMs },
  removeWorkArea: removeLogbookWorkArea,
});
