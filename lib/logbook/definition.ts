import { logbookSettings } from "@/lib/env/logbook";
import { definePipeline } from "@/lib/pipelines/define";
import { logbookConfig } from "./config";
import { logbookErrors } from "./errors";
import { logbookEvents } from "./events";
import { removeLogbookWorkArea } from "./jobs/failure";
import { LOGBOOK_JOB_KIND, LOGBOOK_STAGES } from "./jobs/types";
import * as operations from "./operations";

export { logbookEvents } from "./events";

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
