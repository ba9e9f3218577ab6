import { z } from "zod";
import { FIELD_TYPES } from "../types";
import { REVIEW_LIMITS } from "./limits";

export { REVIEW_LIMITS };

/**
 * A PDF field name: a period would make it a child of another field (names are dotted paths in
 * an AcroForm), control characters break viewers, and a blank name cannot be filled by name.
 */
const nameSchema = z
  .string()
  .min(1, "The name is empty")
  .max(REVIEW_LIMITS.maxNameLength, `The name is longer than ${REVIEW_LIMITS.maxNameLength} characters`)
  .refine((s) => s.trim().length > 0, "The name is blank")
  .refine((s) => !s.includes("."), "The name contains a period, which PDF reads as a field hierarchy")
  .refine((s) => !/[\u0000-\u001f\u007f]/.test(s), "The name contains control characters");

const coordinate = z.number().finite().min(-100_000).max(100_000);

export const editedBoxSchema = z
  .object({ x: coordinate, y: coordinate, width: coordinate.positive("Width must be positive"), height: coordinate.positive("Height must be positive") })
  .strict()
  .meta({ description: "In PDF points, origin at the top-left corner of the page as previewed (after its /Rotate and crop box), y down" });

/**
 * One field of an edited list: the shape `GET /api/v1/forms/{id}/fields` gives, so a client can send
 * back what it read with some fields changed. `label`, `multiline`, `comb`, `score` and `source`
 * are optional (a field drawn by hand has none of them); unknown keys are refused.
 */
export const editedFieldSchema = z
  .object({
    name: nameSchema.meta({ description: "Unique field name", example: "date_of_birth" }),
    type: z.enum(FIELD_TYPES),
    page: z.number().int().min(1).max(100_000).meta({ description: "1-based page number" }),
    box: editedBoxSchema,
    label: z.string().max(REVIEW_LIMITS.maxLabelLength).nullable().optional().meta({ description: "Tooltip (/TU) for screen readers" }),
    multiline: z.boolean().optional(),
    comb: z.number().int().min(2).max(REVIEW_LIMITS.maxComb).optional().meta({ description: "Text fields: a comb of this many character cells" }),
    score: z.number().min(0).max(1).optional().meta({ description: "Ignored (as GET returns it); kept for fields left unchanged" }),
    source: z.enum(["vector", "raster", "fused", "manual"]).optional().meta({ description: "Ignored (as GET returns it)" }),
  })
  .strict()
  .meta({ id: "FormsEditedField" });

export const editFieldsBodySchema = z
  .object({
    fields: z.array(editedFieldSchema).max(REVIEW_LIMITS.maxFields, `At most ${REVIEW_LIMITS.maxFields} fields`).meta({ description: "The whole list, in tab order" }),
  })
  .strict()
  .meta({ id: "FormsEditFields" });

export type EditedField = z.infer<typeof editedFieldSchema>;
export type EditFieldsBody = z.infer<typeof editFieldsBodySchema>;
