import { z } from "zod";
import { jobIdParamsSchema, jobStatusSchema } from "@/lib/jobs/schemas";
import { FIELD_TYPES } from "../types";


export const formsAcceptedSchema = z
  .object({
    job_id: z.string().meta({ example: "cm9x1k2ab0000qz8h7r3c5d2e" }),
    status: z.literal("queued"),
    progress: z.literal(0),
  })
  .meta({ id: "FormsJobAccepted", description: "The job is queued; follow it at the `Location` URL (`GET /api/v1/jobs/{id}`)" });

const boxSchema = z
  .object({ x: z.number(), y: z.number(), width: z.number(), height: z.number() })
  .meta({ id: "FormsBox", description: "In PDF points (1/72 in), origin at the page's top-left corner, y growing downwards" });

export const formsFieldSchema = z
  .object({
    name: z.string().meta({ description: "Unique field name in the fillable PDF", example: "date_of_birth" }),
    type: z.enum(FIELD_TYPES),
    page: z.number().int().min(1).meta({ description: "1-based page number" }),
    box: boxSchema,
    label: z.string().nullable().meta({ description: "The printed label the name came from", example: "Date of birth" }),
    multiline: z.boolean().optional(),
    comb: z.number().int().optional().meta({ description: "Comb fields: the number of character cells" }),
    score: z.number().min(0).max(1).meta({ description: "Detection confidence" }),
    source: z
      .enum(["vector", "raster", "fused", "manual"])
      .meta({ description: "Which detector found it: the PDF's drawing (vector), the image model (raster), or both; `manual` once a person drew, moved, resized or retyped it" }),
  })
  .meta({ id: "FormsField" });

export const formsPageSchema = z
  .object({
    page: z.number().int().min(1),
    width: z.number().meta({ description: "Page width in points" }),
    height: z.number().meta({ description: "Page height in points" }),
    rotation: z.number().int(),
    scanned: z.boolean().meta({ description: "The page is an image only (a scan): only the raster detector can see its fields" }),
    preview_url: z.string().meta({ description: "JPEG preview of the page (`GET /api/v1/forms/{id}/pages/{page}/preview`)" }),
    preview_width: z.number().int(),
    preview_height: z.number().int(),
  })
  .meta({ id: "FormsPage" });

export const formsLastEditSchema = z
  .object({
    revision: z.string(),
    status: z.enum(["rebuilding", "applied", "failed"]).meta({
      description: "`rebuilding`: the PDF is being rebuilt; `applied`: the result is the PDF rebuilt from this list; `failed`: the rebuild failed and the result is still the previous PDF (and `fields` the previous list)",
    }),
    at: z.string().meta({ description: "When the edit was made (ISO 8601)" }),
    by: z.string().nullable().meta({ description: "Who edited (name or email)" }),
    added: z.number().int(),
    removed: z.number().int(),
    changed: z.number().int(),
    error: z.object({ type: z.string(), detail: z.string() }).optional(),
  })
  .meta({ id: "FormsLastEdit", description: "The latest edit of the field list (`PUT /api/v1/forms/{id}/fields`), absent until there is one" });
export type FormsLastEdit = z.infer<typeof formsLastEditSchema>;

export const formsEditAcceptedSchema = z
  .object({
    job_id: z.string(),
    status: z.literal("running"),
    stage: z.literal("writing"),
    revision: z.string().meta({ description: "Identifies this edit (`last_edit.revision` in `GET /api/v1/forms/{id}/fields`)" }),
    field_count: z.number().int(),
    added: z.number().int(),
    removed: z.number().int(),
    changed: z.number().int(),
  })
  .meta({ id: "FormsEditAccepted", description: "The edit is stored and the PDF is being rebuilt; poll `GET /api/v1/jobs/{id}` until it is `succeeded` again" });
export type FormsEditAccepted = z.infer<typeof formsEditAcceptedSchema>;

export const formsFieldsSchema = z
  .object({
    job_id: z.string(),
    status: jobStatusSchema,
    page_count: z.number().int(),
    counts: z.record(z.enum(FIELD_TYPES), z.number().int()).meta({ description: "Detected fields by type" }),
    pages: z.array(formsPageSchema),
    fields: z.array(formsFieldSchema).meta({ description: "In reading order, which is the tab order of the fillable PDF" }),
    warnings: z.array(z.string()).meta({ description: "Things to know, e.g. scanned pages no detector could read" }),
    last_edit: formsLastEditSchema.optional(),
  })
  .meta({ id: "FormsFields" });
export type FormsFieldsResponse = z.infer<typeof formsFieldsSchema>;

export const formsPreviewParamsSchema = jobIdParamsSchema.extend({
  page: z.coerce.number().int().min(1).max(100_000).meta({ description: "1-based page number", example: 1 }),
});
