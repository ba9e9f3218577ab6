import { z } from "zod";
import { parsePageSpec } from "./page-spec";

const id = z.string().min(1).max(64).regex(/^[A-Za-z0-9_-]+$/, "not an id").meta({ example: "cm0abc123def456ghi789jkl0" });
export const idParamsSchema = z.object({ id });

export const listQuerySchema = z.strictObject({
  cursor: z.string().max(200).optional().meta({ description: "`next_cursor` from the previous page" }),
  limit: z.coerce.number().int().min(1).max(100).default(50),
});

export const methodSchema = z.enum(["auto", "lattice", "stream"]).meta({
  description: "`lattice`: tables drawn with rules; `stream`: tables aligned by whitespace; `auto`: ruled regions by lattice, the rest by stream",
});

const pagesSchema = z
  .string()
  .max(400)
  .superRefine((v, ctx) => {
    const parsed = parsePageSpec(v);
    if ("error" in parsed) ctx.addIssue({ code: "custom", message: parsed.error });
  })
  .meta({ description: 'Pages to extract, like "1-3,7"; all when unset', example: "1-3,7" });

const settingsFields = {
  method: methodSchema,
  pages: pagesSchema.nullable(),
  header_rows: z.int().min(0).max(20).meta({ description: "Rows at the top of each table that are its header (bold in XLSX exports)" }),
  merge_across_pages: z.boolean().meta({ description: "Join a table that continues on the next page (same columns) into one" }),
};

export const createConfigurationSchema = z.strictObject({
  name: z.string().trim().min(1).max(200),
  method: settingsFields.method.default("auto"),
  pages: settingsFields.pages.optional(),
  header_rows: settingsFields.header_rows.default(1),
  merge_across_pages: settingsFields.merge_across_pages.default(false),
});

export const updateConfigurationSchema = z
  .strictObject({
    name: z.string().trim().min(1).max(200).optional(),
    method: settingsFields.method.optional(),
    pages: settingsFields.pages.optional(),
    header_rows: settingsFields.header_rows.optional(),
    merge_across_pages: settingsFields.merge_across_pages.optional(),
  })
  .refine((v) => Object.keys(v).length > 0, { message: "change at least one setting" })
  .meta({ description: "Only the settings to change; they become a new version", example: { method: "stream" } });

export type ConfigurationSettings = { method: "auto" | "lattice" | "stream"; pages: string | null; header_rows: number; merge_across_pages: boolean };

export const documentSchema = z
  .object({
    document_id: z.string(),
    filename: z.string(),
    content_type: z.string(),
    size: z.number().int(),
    pages: z.number().int().meta({ description: "PDF pages, XLSX sheets, 1 for CSV" }),
    sha256: z.string(),
    created_at: z.string(),
  })
  .meta({ id: "Document" });

export const documentListSchema = z.object({ items: z.array(documentSchema), next_cursor: z.string().nullable() });

const settingsOut = {
  method: methodSchema,
  pages: z.string().nullable(),
  header_rows: z.number().int(),
  merge_across_pages: z.boolean(),
};

export const configurationSchema = z
  .object({
    configuration_id: z.string(),
    name: z.string(),
    version: z.number().int(),
    ...settingsOut,
    created_at: z.string(),
    updated_at: z.string(),
    versions: z.array(z.object({ version: z.number().int(), name: z.string(), ...settingsOut, created_at: z.string() })).optional(),
  })
  .meta({ id: "ExtractionConfiguration" });

export const configurationListSchema = z.object({ items: z.array(configurationSchema), next_cursor: z.string().nullable() });

export const eventListSchema = z.object({
  items: z.array(z.object({ id: z.string(), type: z.string(), subject_type: z.string(), subject_id: z.string(), data: z.unknown(), created_at: z.string() })),
  next_cursor: z.string().nullable(),
});

export const eventsQuerySchema = listQuerySchema.extend({ limit: z.coerce.number().int().min(1).max(500).default(200) });

export const startExtractionSchema = z.strictObject({ document_id: id, configuration_id: id });
export const extractionAcceptedSchema = z.object({ job_id: z.string(), status: z.literal("queued"), configuration_version: z.number().int() });

const bboxSchema = z.object({ x0: z.number(), y0: z.number(), x1: z.number(), y1: z.number() }).nullable().meta({ description: "In page points, top-left origin; null for CSV and XLSX" });

export const tableSummarySchema = z.object({
  table_id: z.string(),
  page: z.number().int(),
  pages: z.array(z.number().int()),
  index: z.number().int(),
  n_rows: z.number().int(),
  n_cols: z.number().int(),
  bbox: bboxSchema,
  page_width: z.number().nullable(),
  page_height: z.number().nullable(),
  method: z.string(),
  title: z.string().optional(),
});

export const tableListSchema = z.object({ items: z.array(tableSummarySchema) });

export const tableSchema = tableSummarySchema
  .extend({
    document_id: z.string(),
    job_id: z.string(),
    header_rows: z.number().int(),
    rows: z.array(z.array(z.string())).meta({ description: "A spanning cell's text in its top-left position, \"\" in the cells it covers" }),
    spans: z.array(z.array(z.number().int())).meta({ description: "[row, col, row_span, col_span] of each spanning cell" }),
  })
  .meta({ id: "ExtractedTable" });

export const createExportSchema = z.strictObject({ format: z.enum(["csv", "xlsx"]) });
export const exportSchema = z.object({ export_id: z.string(), format: z.string(), download_url: z.string(), created_at: z.string() });
export const allTablesQuerySchema = z.strictObject({ format: z.enum(["zip", "xlsx"]).default("zip") });
export const previewParamsSchema = z.object({ id, page: z.coerce.number().int().min(1).max(100_000).meta({ example: 1 }) });
