import { documentsSettings } from "@/lib/env/documents";
import { definePipeline } from "@/lib/pipelines/define";
import { DOCUMENTS_JOB_KIND, documentsErrors } from "./errors";
import { documentsEvents } from "./events";

export { documentsEvents };
import { removeDocumentsWorkArea, sweepDocumentExports } from "./jobs/retention";
import * as operations from "./operations";
import { documentsConfig } from "./settings";
import { DOCUMENTS_STAGES } from "./stages";

/** The documents pipeline's registry entry. */
export const documentsPipeline = definePipeline({
  kind: DOCUMENTS_JOB_KIND,
  title: "Documents",
  description: "Extracts tables from PDF, CSV and XLSX documents with versioned configurations, and exports them as CSV or XLSX.",
  scope: "workspace",
  stages: DOCUMENTS_STAGES,
  events: documentsEvents,
  functions: ["documents-extract"],
  operations,
  settings: documentsSettings,
  nav: { href: "/documents", label: "Documents", icon: "document" },
  jobPage: { actions: [{ label: "Open the tables", href: "/documents?job={id}" }] },
  errors: documentsErrors.table,
  explanationVars: () => ({ max_pages: documentsConfig().maxPages }),
  retention: { setting: "DOCUMENTS_RETENTION", ms: () => documentsConfig().retentionMs },
  removeWorkArea: removeDocumentsWorkArea,
  sweepWorkAreas: () => sweepDocumentExports(),
});
