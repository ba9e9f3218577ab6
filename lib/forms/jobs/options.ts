import { z } from "zod";

/** The DPI range an upload may ask for: below 72 checkboxes blur away, above 300 costs memory for nothing. */
export const DPI_RANGE = { min: 72, max: 300 } as const;

/**
 * The `options` part of an upload (JSON). Only what the core pipeline supports: the detection
 * resolution and whether the raster detector runs. Existing form fields are always kept (new
 * fields are never placed over them), so there is no option for that.
 */
export const formsOptionsSchema = z
  .strictObject({
    dpi: z
      .number()
      .int()
      .min(DPI_RANGE.min)
      .max(DPI_RANGE.max)
      .optional()
      .meta({ description: `Render resolution for detection, ${DPI_RANGE.min}..${DPI_RANGE.max}; FORMS_DPI (144) when unset. Higher helps small print, costs time and memory.`, example: 200 }),
    raster: z
      .boolean()
      .optional()
      .meta({ description: "Run the raster (ML) detector beside vector detection; FORMS_RASTER_ENABLED when unset. Scanned pages need it: without it they yield no fields.", example: true }),
  })
  .meta({ id: "FormsOptions", description: "Processing options, sent as a JSON string in the `options` part" });

export type FormsOptions = z.infer<typeof formsOptionsSchema>;

/** What a forms job records as its input: the options and the upload's facts, never its bytes. */
export type FormsJobInput = {
  filename: string;
  options: FormsOptions;
  size: number;
  page_count: number;
  has_acroform: boolean;
  existing_field_count: number;
};
