import { formsSettings } from "@/lib/env/forms";
import { formsModelSettings } from "@/lib/env/forms-model";
import { definePipeline } from "@/lib/pipelines/define";
import { formsErrors } from "./error-types";
import { formsEvents } from "./events";
import { formatBytes } from "./format-bytes";
import { removeFormsJobFolder, sweepFormsJobFolders } from "./jobs/cleanup";
import { FORMS_JOB_KIND } from "./jobs/paths";
import * as operations from "./operations";
import { formsConfig } from "./pipeline/settings";
import { FORMS_STAGES } from "./stages";

export { formsEvents } from "./events";

/** The forms pipeline's registry entry: everything the platform derives from. */
export const formsPipeline = definePipeline({
  kind: FORMS_JOB_KIND,
  title: "Forms",
  description: "Turns a flat PDF into a fillable one: text fields, checkboxes and signature fields, named from their labels.",
  scope: "workspace",
  stages: FORMS_STAGES,
  events: formsEvents,
  functions: ["forms-process", "forms-rewrite"],
  operations,
  settings: { ...formsSettings, ...formsModelSettings },
  nav: { href: "/forms", label: "Forms", icon: "form" },
  jobPage: { actions: [{ label: "Preview fields", href: "/forms?job={id}" }] },
  errors: formsErrors.table,
  explanationVars: () => {
    const config = formsConfig();
    return { max_pages: config.maxPages, max_size: formatBytes(config.maxBytes) };
  },
  retention: { setting: "FORMS_RETENTION", ms: () => formsConfig().retentionMs },
  removeWorkArea: removeFormsJobFolder,
  sweepWorkAreas: sweepFormsJobFolders,
});
