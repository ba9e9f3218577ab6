import { defineOperation } from "@/lib/http/operation";
import {
  allTablesQuerySchema,
  configurationListSchema,
  configurationSchema,
  createConfigurationSchema,
  createExportSchema,
  documentListSchema,
  documentSchema,
  eventListSchema,
  eventsQuerySchema,
  exportSchema,
  extractionAcceptedSchema,
  idParamsSchema,
  listQuerySchema,
  previewParamsSchema,
  startExtractionSchema,
  tableListSchema,
  tableSchema,
  updateConfigurationSchema,
} from "./schemas";

const tags = ["Documents"];
const noDocument = { description: "No such document in this workspace" };
const noConfiguration = { description: "No such configuration in this workspace" };
const badPage = { description: "A bad cursor or limit" };

export const uploadDocumentOperation = defineOperation({
  method: "POST",
  path: "/api/v1/documents",
  summary: "Upload a document (PDF, CSV or XLSX)",
  description:
    "The format is recognised by the bytes, never the name. Refused before anything is stored: another type 415, empty 422 " +
    "`EmptyFileError`, over DOCUMENTS_MAX_BYTES 413 (while it streams), an encrypted PDF 422 `EncryptedPdfError`, an unreadable " +
    "one 422 `PdfParseError`, an unreadable workbook 422 `SpreadsheetParseError`, more pages than DOCUMENTS_MAX_PAGES 422 " +
    "`TooManyPagesError`. Adds `document.uploaded` to the document's timeline.",
  tags,
  permission: "jobs.create",
  // The job-start limits every pipeline shares (RATE_LIMIT_UPLOADS_WORKSPACE, RATE_LIMIT_UPLOADS_KEY): both start PDF work.
  rateLimit: ["jobs.start.workspace", "jobs.start.key"],
  multipart: { description: "The document in `file`", fields: { file: { type: "file", description: "A PDF, CSV or XLSX file (exactly one)", required: true } } },
  responses: {
    201: { description: "Stored", schema: documentSchema },
    413: { description: "`PayloadTooLargeError`: larger than DOCUMENTS_MAX_BYTES" },
    415: { description: "`UnsupportedMediaTypeError`: not multipart/form-data, or not a PDF, CSV or XLSX by its bytes" },
    422: { description: "`EmptyFileError`, `EncryptedPdfError`, `PdfParseError`, `SpreadsheetParseError`, `TooManyPagesError`, `PdfTooComplexError`, `ValidationError` (missing or extra parts)" },
    429: { description: "`RateLimitError`: the workspace's or the key's upload limit (RATE_LIMIT_UPLOADS_*, shared with forms) is reached; see `Retry-After`" },
  },
});

export const listDocumentsOperation = defineOperation({
  method: "GET",
  path: "/api/v1/documents",
  summary: "List documents",
  description: "Newest first; follow `next_cursor`.",
  tags,
  permission: "jobs.read",
  query: listQuerySchema,
  responses: { 200: { description: "A page of documents", schema: documentListSchema }, 422: badPage },
});

export const getDocumentOperation = defineOperation({
  method: "GET",
  path: "/api/v1/documents/{id}",
  summary: "Get a document",
  tags,
  permission: "jobs.read",
  params: idParamsSchema,
  responses: { 200: { description: "The document", schema: documentSchema }, 404: noDocument },
});

export const deleteDocumentOperation = defineOperation({
  method: "DELETE",
  path: "/api/v1/documents/{id}",
  summary: "Delete a document with its tables and exports",
  description: "The uploaded file, every table extracted from it and every export of those tables (rows and files) go; the extraction jobs stay in the jobs list.",
  tags,
  permission: "jobs.delete",
  params: idParamsSchema,
  responses: { 204: { description: "Deleted" }, 404: noDocument },
});

export const downloadDocumentOperation = defineOperation({
  method: "GET",
  path: "/api/v1/documents/{id}/download",
  summary: "Download the uploaded file",
  tags,
  permission: "jobs.read",
  params: idParamsSchema,
  responses: { 200: { description: "The file as uploaded", contentType: "application/octet-stream" }, 404: noDocument },
});

export const listDocumentEventsOperation = defineOperation({
  method: "GET",
  path: "/api/v1/documents/{id}/events",
  summary: "A document's timeline",
  description: "`document.uploaded`, then `job.created` and `job.succeeded` for each extraction; oldest first.",
  tags,
  permission: "jobs.read",
  params: idParamsSchema,
  query: eventsQuerySchema,
  responses: { 200: { description: "Events", schema: eventListSchema }, 404: noDocument, 422: badPage },
});

export const listDocumentTablesOperation = defineOperation({
  method: "GET",
  path: "/api/v1/documents/{id}/tables",
  summary: "Tables extracted from a document, by every job",
  tags,
  permission: "jobs.read",
  params: idParamsSchema,
  responses: { 200: { description: "Table summaries, newest job first", schema: tableListSchema }, 404: noDocument },
});

export const getDocumentPagePreviewOperation = defineOperation({
  method: "GET",
  path: "/api/v1/documents/{id}/pages/{page}/preview",
  summary: "A JPEG preview of a PDF page (96 DPI)",
  description: "Draw a table's `bbox` over it: the image is `page_width` x `page_height` points scaled by 96/72.",
  tags,
  permission: "jobs.read",
  params: previewParamsSchema,
  responses: { 200: { description: "The page as JPEG", contentType: "image/jpeg" }, 404: { description: "No such document, or no such page (CSV and XLSX have none)" } },
});

export const createConfigurationOperation = defineOperation({
  method: "POST",
  path: "/api/v1/configurations",
  summary: "Create an extraction configuration",
  description: "Version 1 of `{name, method, pages?, header_rows?, merge_across_pages?}`. Unknown fields or methods are 422.",
  tags,
  permission: "jobs.create",
  body: createConfigurationSchema,
  maxBodyBytes: 16 * 1024,
  responses: { 201: { description: "Created", schema: configurationSchema }, 422: { description: "`ValidationError`: an unknown field or method, a bad page range" } },
});

export const listConfigurationsOperation = defineOperation({
  method: "GET",
  path: "/api/v1/configurations",
  summary: "List extraction configurations",
  tags,
  permission: "jobs.read",
  query: listQuerySchema,
  responses: { 200: { description: "A page of configurations (latest versions)", schema: configurationListSchema }, 422: badPage },
});

export const getConfigurationOperation = defineOperation({
  method: "GET",
  path: "/api/v1/configurations/{id}",
  summary: "Get a configuration with all its versions",
  tags,
  permission: "jobs.read",
  params: idParamsSchema,
  responses: { 200: { description: "The configuration; `versions` newest first", schema: configurationSchema }, 404: noConfiguration },
});

export const updateConfigurationOperation = defineOperation({
  method: "PATCH",
  path: "/api/v1/configurations/{id}",
  summary: "Change a configuration (adds a version)",
  description: "The latest version's settings with these changes become a new version; jobs keep the version they ran with.",
  tags,
  permission: "jobs.create",
  params: idParamsSchema,
  body: updateConfigurationSchema,
  maxBodyBytes: 16 * 1024,
  responses: { 200: { description: "The configuration with its versions", schema: configurationSchema }, 404: noConfiguration, 422: { description: "`ValidationError`: an unknown field or method, nothing to change" } },
});

export const deleteConfigurationOperation = defineOperation({
  method: "DELETE",
  path: "/api/v1/configurations/{id}",
  summary: "Delete a configuration",
  description: "Jobs that used it keep a copy of the settings they ran with.",
  tags,
  permission: "jobs.delete",
  params: idParamsSchema,
  responses: { 204: { description: "Deleted" }, 404: noConfiguration },
});

export const listConfigurationEventsOperation = defineOperation({
  method: "GET",
  path: "/api/v1/configurations/{id}/events",
  summary: "A configuration's timeline",
  description: "`configuration.created`, `configuration.updated` (with the version), `job.created` for each extraction.",
  tags,
  permission: "jobs.read",
  params: idParamsSchema,
  query: eventsQuerySchema,
  responses: { 200: { description: "Events", schema: eventListSchema }, 404: noConfiguration, 422: badPage },
});

export const startExtractionOperation = defineOperation({
  method: "POST",
  path: "/api/v1/extractions",
  summary: "Extract the tables of a document",
  description:
    "Queues a job (kind `documents`) with the configuration's current version. Follow it with `GET /api/v1/jobs/{id}` (stage " +
    "`extracting` with per-page progress, then `saving`); its timeline is `GET /api/v1/extractions/{id}/events` (`job.created`, " +
    "`job.started`, `job.outputs.persisted` with `table_count`, `job.succeeded` or `job.failed`). Scanned pages without a text " +
    "layer are warnings on the job, not errors.",
  tags,
  permission: "jobs.create",
  rateLimit: ["jobs.start.workspace", "jobs.start.key"],
  body: startExtractionSchema,
  maxBodyBytes: 4 * 1024,
  responses: {
    202: { description: "Queued", schema: extractionAcceptedSchema },
    404: { description: "No such document or configuration in this workspace" },
    422: { description: "`ValidationError`: a missing or unknown field" },
    503: { description: "The job could not be queued; try again" },
  },
});

export const listExtractionEventsOperation = defineOperation({
  method: "GET",
  path: "/api/v1/extractions/{id}/events",
  summary: "An extraction job's timeline",
  description: "`job.created`, `job.started`, `job.outputs.persisted` (`table_count`), `job.succeeded` or `job.failed`, and `export.created` for each export.",
  tags,
  permission: "jobs.read",
  params: idParamsSchema,
  query: eventsQuerySchema,
  responses: { 200: { description: "Events", schema: eventListSchema }, 404: { description: "No such extraction job" }, 422: badPage },
});

export const listJobTablesOperation = defineOperation({
  method: "GET",
  path: "/api/v1/jobs/{id}/tables",
  summary: "The tables an extraction job found",
  tags,
  permission: "jobs.read",
  params: idParamsSchema,
  responses: { 200: { description: "Table summaries in document order", schema: tableListSchema }, 404: { description: "No such extraction job" } },
});

export const downloadJobTablesOperation = defineOperation({
  method: "GET",
  path: "/api/v1/jobs/{id}/tables/download",
  summary: "Download all of a job's tables",
  description: "`format=zip` (default): a ZIP with one RFC 4180 CSV per table; `format=xlsx`: one workbook, a sheet per table. Recorded as an export on the job's timeline.",
  tags,
  permission: "jobs.read",
  params: idParamsSchema,
  query: allTablesQuerySchema,
  responses: { 200: { description: "The ZIP or XLSX file", contentType: "application/octet-stream" }, 404: { description: "No such extraction job" }, 422: { description: "An unknown format" } },
});

export const getTableOperation = defineOperation({
  method: "GET",
  path: "/api/v1/tables/{id}",
  summary: "Get a table with its rows",
  tags,
  permission: "jobs.read",
  params: idParamsSchema,
  responses: { 200: { description: "The table", schema: tableSchema }, 404: { description: "No such table" } },
});

export const listTableEventsOperation = defineOperation({
  method: "GET",
  path: "/api/v1/tables/{id}/events",
  summary: "A table's timeline (its exports)",
  tags,
  permission: "jobs.read",
  params: idParamsSchema,
  query: eventsQuerySchema,
  responses: { 200: { description: "Events", schema: eventListSchema }, 404: { description: "No such table" }, 422: badPage },
});

export const createTableExportOperation = defineOperation({
  method: "POST",
  path: "/api/v1/tables/{id}/exports",
  summary: "Export a table as CSV or XLSX",
  description: "CSV: RFC 4180 (CRLF, quoted where needed), UTF-8, the same rows as the table; a non-numeric cell starting with = + - @ gets a leading ' (formula injection). XLSX: one sheet, merged cells kept, header rows bold.",
  tags,
  permission: "jobs.read",
  params: idParamsSchema,
  body: createExportSchema,
  maxBodyBytes: 1024,
  responses: { 201: { description: "The export", schema: exportSchema }, 404: { description: "No such table" }, 422: { description: "An unknown format" } },
});

export const downloadExportOperation = defineOperation({
  method: "GET",
  path: "/api/v1/exports/{id}/download",
  summary: "Download an export",
  description: "Streams the file: `text/csv; charset=utf-8`, the XLSX or the ZIP.",
  tags,
  permission: "jobs.read",
  params: idParamsSchema,
  responses: { 200: { description: "The export file", contentType: "application/octet-stream" }, 404: { description: "No such export" } },
});
