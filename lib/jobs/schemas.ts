import { z } from "zod";

export const JOB_STATUSES = ["queued", "running", "succeeded", "failed", "canceled"] as const;
export type JobStatusName = (typeof JOB_STATUSES)[number];
export const TERMINAL_STATUSES: readonly JobStatusName[] = ["succeeded", "failed", "canceled"];

/** Pipeline names: "forms", "logbook", ... */
/** An ISO 8601 UTC timestamp in responses (documented as date-time without zod's long pattern). */
const timestamp = (description?: string) =>
  z.string().meta({ format: "date-time", example: "2026-03-01T10:00:00.000Z", ...(description ? { description } : {}) });

export const jobKindSchema = z
  .string()
  .regex(/^[a-z][a-z0-9-]{0,39}$/, "must be lower-case letters, digits and dashes")
  .meta({ description: "The pipeline that runs the job", example: "forms" });

export const jobStatusSchema = z.enum(JOB_STATUSES).meta({ id: "JobStatus", description: "Lifecycle state" });

export const jobErrorSchema = z
  .object({
    type: z.string().meta({ description: "Machine-readable error name", example: "EncryptedPdfError" }),
    detail: z.string().meta({ description: "What went wrong, for people" }),
  })
  .meta({ id: "JobError" });

export const jobSchema = z
  .object({
    job_id: z.string().meta({ example: "cm9x1k2ab0000qz8h7r3c5d2e" }),
    kind: z.string().meta({ example: "forms" }),
    status: jobStatusSchema,
    stage: z.string().nullable().meta({ description: "The pipeline's current stage name", example: "detect" }),
    progress: z.number().min(0).max(1).meta({ description: "0..1", example: 0.4 }),
    message: z.string().optional().meta({ description: "Latest human-readable status line" }),
    download_url: z
      .url()
      .optional()
      .meta({ description: "Present once the job succeeded with a downloadable result that has not expired" }),
    error: jobErrorSchema.optional().meta({ description: "Present when the job failed" }),
    created_at: timestamp(),
    updated_at: timestamp(),
    started_at: timestamp("When the job started running; absent while queued (and for jobs canceled before they started)").optional(),
    finished_at: timestamp("When the job reached succeeded, failed or canceled; absent until then").optional(),
    expires_at: timestamp("When retention will delete the result (succeeded jobs with a retention period)").optional(),
    result_expired: z.literal(true).optional().meta({ description: "Retention deleted the result; the record stays" }),
    expired_at: timestamp("When retention deleted the result").optional(),
  })
  .meta({ id: "Job" });
export type JobResponse = z.infer<typeof jobSchema>;

export const jobEventSchema = z
  .object({
    id: z.string().meta({ description: "Increases with every event; pass as `after` to poll for newer ones", example: "42" }),
    type: z.string().meta({ description: "created, started, progress, succeeded, failed, canceled, expired; pipelines may add their own (e.g. `edited`: a person changed a finished job's input and it runs again)", example: "progress" }),
    status: jobStatusSchema,
    stage: z.string().nullable(),
    progress: z.number().min(0).max(1),
    message: z.string().nullable(),
    data: z.record(z.string(), z.unknown()).nullable().meta({ description: "Event-specific details" }),
    created_at: timestamp(),
  })
  .meta({ id: "JobEvent" });
export type JobEventResponse = z.infer<typeof jobEventSchema>;

export const jobListSchema = z
  .object({
    data: z.array(jobSchema),
    next_cursor: z.string().nullable().meta({ description: "Pass as `cursor` for the next page; null on the last page" }),
  })
  .meta({ id: "JobList" });

export const jobEventListSchema = z
  .object({
    data: z.array(jobEventSchema),
    has_more: z.boolean().meta({ description: "More events follow; ask again with after=next_after" }),
    next_after: z.string().nullable().meta({ description: "The id of the last event returned (or the `after` given)" }),
  })
  .meta({ id: "JobEventList" });

export const jobIdParamsSchema = z.object({
  id: z
    .string()
    .regex(/^[A-Za-z0-9_-]{1,64}$/, "not a job id")
    .meta({ description: "The job id", example: "cm9x1k2ab0000qz8h7r3c5d2e" }),
});

export const listJobsQuerySchema = z.object({
  kind: jobKindSchema.optional(),
  status: jobStatusSchema.optional(),
  cursor: z.string().max(200).optional().meta({ description: "`next_cursor` from the previous page" }),
  limit: z.coerce.number().int().min(1).max(100).default(20).meta({ description: "Page size, 1..100" }),
});

export const listJobEventsQuerySchema = z.object({
  after: z
    .string()
    .regex(/^\d{1,19}$/, "must be an event id")
    // Event ids are PostgreSQL bigints; a larger number is not an id (and must not reach the query).
    .refine((v) => /^\d{1,19}$/.test(v) && BigInt(v) <= 9223372036854775807n, "must be an event id")
    .optional()
    .meta({ description: "Only events with a larger id" }),
  limit: z.coerce.number().int().min(1).max(1000).default(200).meta({ description: "Page size, 1..1000" }),
});
