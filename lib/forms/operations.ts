import { defineOperation } from "@/lib/http/operation";
import { jobIdParamsSchema } from "@/lib/jobs/schemas";
import { DPI_RANGE } from "./jobs/options";
import { formsAcceptedSchema, formsEditAcceptedSchema, formsFieldsSchema, formsPreviewParamsSchema } from "./jobs/schemas";
import { editFieldsBodySchema, REVIEW_LIMITS } from "./review/edit-schema";

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

const min = REVIEW_LIMITS.minSize;

export const editFormFieldsOperation = defineOperation({
  method: "PUT",
  path: "/api/v1/forms/{id}/fields",
  summary: "Edit a forms job's fields and rebuild its PDF",
  description:
    "Replaces the field list of a succeeded forms job and rebuilds the fillable PDF from it. Send the whole list in the shape " +
    "`GET /api/v1/forms/{id}/fields` returns (`name`, `type`, `page`, `box`; `label`, `multiline` and `comb` are kept if given, " +
    "`score` and `source` ignored); fields dropped from the list are removed, new ones added, in the order given (the tab order). " +
    "Boxes are in the same space as GET's: points from the top-left corner of the page as previewed, after its rotation and crop box. " +
    `Each field must lie on an existing page, be at least ${min.text.width} x ${min.text.height} pt (text), ${min.checkbox.width} x ${min.checkbox.height} pt ` +
    `(checkbox) or ${min.signature.width} x ${min.signature.height} pt (signature), and have a unique name (case-insensitive, no periods); ` +
    "a 422 names every bad field (`details[].path` like `body.fields.3.box`). The job goes back to `running` in its `writing` stage, " +
    "its timeline gets an `edited` event (who, fields added, removed, changed), and once rebuilt it is `succeeded` again with the new " +
    "PDF as its result. If the rebuild fails, the job is `succeeded` with the previous PDF and fields, and `last_edit.status` is `failed`.",
  tags: ["Forms"],
  permission: "jobs.create",
  // A rebuild is PDF work like an upload: it counts against the same job-start limits.
  rateLimit: ["jobs.start.workspace", "jobs.start.key"],
  params: jobIdParamsSchema,
  body: editFieldsBodySchema,
  maxBodyBytes: 2 * 1024 * 1024,
  responses: {
    202: { description: "The edit is stored and the rebuild queued", schema: formsEditAcceptedSchema },
    404: notFoundJob,
    409: { description: "The job is not succeeded (still running, rebuilding another edit, failed or canceled)" },
    410: { description: "Retention deleted the job's files" },
    422: { description: "`ValidationError`: the body's shape, or fields off their page, too small, on missing pages or with duplicate names; `details` names each" },
    503: { description: "The rebuild could not be queued; the job keeps its previous result" },
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
