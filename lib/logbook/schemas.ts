import { z } from "zod";

export const logbookAcceptedSchema = z.object({
  task_id: z.string().meta({ description: "Equals job_id" }),
  job_id: z.string(),
  status: z.literal("queued"),
});

export const logbookSourceSchema = z.object({
  id: z.string(),
  kind: z.enum(["mountain_project", "eight_a"]),
  profile_url: z.string().nullable(),
  username: z.string().nullable(),
  tick_count: z.number().int(),
  last_synced_at: z.string().nullable(),
  last_job_id: z.string().nullable(),
  created_at: z.string(),
});
export const logbookSourcesSchema = z.object({ data: z.array(logbookSourceSchema) });
export const sourceIdParamsSchema = z.object({ id: z.string().min(1).max(64) });

const booleanText = z.enum(["true", "false"]).transform((v) => v === "true");

export const ticksQuerySchema = z.strictObject({
  source_id: z.string().min(1).max(64).optional(),
  discipline: z.string().regex(/^[a-z]{2,20}$/).optional(),
  send: booleanText.optional(),
  cursor: z.string().max(300).optional(),
  limit: z.coerce.number().int().min(1).max(500).default(100),
});

export const tickSchema = z.object({
  id: z.string(),
  source_id: z.string(),
  date: z.string().nullable(),
  date_precision: z.string().nullable(),
  route: z.string(),
  location: z.string(),
  url: z.string().nullable(),
  discipline: z.string(),
  route_types: z.string(),
  style: z.string(),
  send: z.boolean(),
  rating: z.string(),
  grade: z.string().nullable(),
  grade_system: z.string().nullable(),
  grade_step: z.string().nullable(),
  difficulty_score: z.number().nullable(),
  danger: z.string().nullable(),
  aid: z.string().nullable(),
  pitches: z.number().nullable(),
  length_m: z.number().nullable(),
  length_ft: z.number().nullable(),
  avg_stars: z.number().nullable(),
  your_stars: z.number().nullable(),
  notes: z.string(),
});
export const ticksPageSchema = z.object({ data: z.array(tickSchema), next_cursor: z.string().nullable() });

export const pyramidQuerySchema = z.strictObject({ source_id: z.string().min(1).max(64).optional() });
export const pyramidSchema = z.object({
  disciplines: z.array(
    z.object({
      discipline: z.string(),
      source_id: z.string(),
      system: z.string(),
      top_grade: z.string().nullable(),
      levels: z.array(z.object({ grade: z.string(), sends: z.number().int(), attempts: z.number().int() })),
    }),
  ),
});
