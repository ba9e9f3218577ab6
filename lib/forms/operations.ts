import { defineOperation } from "@/lib/http/operation";
import { jobIdParamsSchema } from "@/lib/jobs/schemas";
import { DPI_RANGE } from "./jobs/options";
import { formsAcceptedSchema, formsFieldsSchema, formsPreviewParamsSchema } from "./jobs/schemas";

const notFoundJob = { description: "No such forms job in this workspace (also for other workspaces' jobs)" };

export const uploadFormOperation = defineOperation({
  method: "POST",
  path: "/api/v1/forms",
  summary: "Make a PDF fillable",
  description:
    "Uploads a flat PDF and queues a forms job that detects its fields (text, checkboxes, signatures) and writes them as an " +
    "AcroForm. The file is checked while it streams in, before the 202: not a PDF by its bytes (415), larger than " +
    "FORMS_MAX_BYTES (413), empty (422 `EmptyFileError`), encrypted (422 `EncryptedPdfError`), unreadable (422 " +
    "`PdfParseError`), more pages than FORMS_MAX_PAGES (422 `TooManyPagesError`), a page or stream past the PDF bounds " +
    "(422 `PdfTooComplexError`: PDF_MAX_PAGE_OPERATORS, PDF_MAX_STREAM_BYTES); nothing is kept when it is refused. Uploads " +
    "are limited per workspace and per API key (429 with `Retry-After`: RATE_LIMIT_UPLOADS_WORKSPACE, RATE_LIMIT_UPLOADS_KEY). " +
    "Follow the job with `GET /api/v1/jobs/{id}` (stages `validating`, `rendering`, `detecting`, `writing`) and download " +
    "`<original>-fillable.pdf` from `GET /api/v1/jobs/{id}/result`.",
  tags: ["Forms"],
  permission: "jobs.create",
  rateLimit: ["jobs.start.workspace", "jobs.start.key"],
  multipart: {
    description: "The PDF in `file`; optionally `options`, a JSON object",
    fields: {
      file: { type: "file", description: "The PDF (exactly one)", required: true },
      options: {
        type: "string",
        description:
          `JSON, all optional: \`dpi\` (${DPI_RANGE.min}..${DPI_RANGE.max}, detection resolution; default FORMS_DPI), ` +
          "`raster` (boolean, run the image model beside vector detection; default FORMS_RASTER_ENABLED). Existing form fields are always kept.",
      },
    },
  },
  responses: {
    202: { description: "Queued. `Location` is the job's URL", schema: formsAcceptedSchema },
    413: { description: "The file is larger than FORMS_MAX_BYTES (`PayloadTooLargeError`, `details.limit_bytes`)" },
    415: { description: "The body is not multipart/form-data, or the file is not a PDF by its bytes" },
    422: {
      description:
        "`ValidationError` (missing or extra parts, bad options; `details` names each field), `EmptyFileError`, `EncryptedPdfError`, `PdfParseError`, `TooManyPagesError`",
    },
    503: { description: "The job could not be queued (it is marked failed); upload again" },
  },
});

export const getFormFieldsOperation = defineOperation({
  method: "GET",
  path: "/api/v1/forms/{id}/fields",
  summary: "Get a forms job's detected fields",
  description:
    "Every detected field in reading (tab) order with its name, type, 1-based page, label and box in page points " +
    "(top-left origin), plus each page's size and preview image URL. Available once detection finished.",
  tags: ["Forms"],
  permission: "jobs.read",
  params: jobIdParamsSchema,
  responses: {
    200: { description: "The fields", schema: formsFieldsSchema },
    404: notFoundJob,
    409: { description: "Not detected yet, or the job failed or was canceled" },
    410: { description: "Retention deleted the job's files" },
  },
});

export const getFormPagePreviewOperation = defineOperation({
  method: "GET",
  path: "/api/v1/forms/{id}/pages/{page}/preview",
  summary: "Get a page preview of a forms job",
  description: "The page rendered as a JPEG (at most 100 DPI), available as soon as the rendering stage finished that page.",
  tags: ["Forms"],
  permission: "jobs.read",
  params: formsPreviewParamsSchema,
  responses: {
    200: { description: "The preview", contentType: "image/jpeg" },
    404: { description: "No such forms job in this workspace, or no such page" },
    409: { description: "The page is not rendered yet, or the job failed or was canceled" },
    410: { description: "Retention deleted the job's files" },
  },
});
