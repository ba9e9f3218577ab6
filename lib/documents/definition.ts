import { z } from "zod";
import { documentsSettings } from "@/lib/env/documents";
import { definePipeline } from "@/lib/pipelines/define";
import { DOCUMENTS_JOB_KIND, documentsErrors } from "./errors";
import { removeDocumentsWorkArea, sweepDocumentExports } from "./jobs/retention";
import * as operations from "./operations";
import { documentsConfig } from "./settings";
import { DOCUMENTS_STAGES } from "./stages";

/** The documents events (typed here, so inngest/events.ts keeps their data types). */
export const documentsEvents = {
  extractionRequested: {
    name: "documents/extraction.requested",
    description: "An extraction job was queued: `documents-extract` reads the document's pages on the worker pool and saves its tables.",
    schema: z.object({ job_id: z.string().min(1), workspace_id: z.string().min(1) }),
  },
} as const;

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
