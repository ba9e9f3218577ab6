import { z } from "zod";

/** A Notion id: 32 hex digits, with or without dashes; kept as given (Notion accepts both). */
export const notionIdSchema = z.string().regex(/^[0-9a-f]{8}-?[0-9a-f]{4}-?[0-9a-f]{4}-?[0-9a-f]{4}-?[0-9a-f]{12}$/i);

export const RELAY_STATUSES = ["queued", "processing", "success", "failure"] as const;
export type RelayStatus = (typeof RELAY_STATUSES)[number];

/** The workflow's callback body. A success names the created page by its https Notion URL. */
export const callbackSchema = z.discriminatedUnion("status", [
  z.object({
    status: z.literal("success"),
    notion_page_url: z
      .url()
      .max(2000)
      .refine((u) => /^https:\/\/([a-z0-9-]+\.)*notion\.(so|site|com)\//i.test(u), "must be an https:// Notion page URL"),
    message: z.string().max(2000).optional(),
  }),
  z.object({
    status: z.literal("failure"),
    message: z.string().min(1).max(2000).default("The workflow failed"),
    notion_page_url: z.string().max(2000).optional(),
  }),
]);
export type RelayCallback = z.infer<typeof callbackSchema>;

export const relayJobSchema = z
  .object({
    job_id: z.string(),
    status: z.enum(RELAY_STATUSES),
    /** Where the job is: queued, dispatching (sending to the workflow), waiting (for Notion), done. */
    stage: z.string().nullable(),
    filename: z.string(),
    content_type: z.string(),
    notion_database_id: z.string(),
    created_at: z.string(),
    completed_at: z.string().nullable(),
    result_message: z.string().nullable(),
    notion_page_url: z.string().nullable(),
    error: z.object({ type: z.string(), detail: z.string() }).nullable(),
  })
  .meta({ id: "RelayJob" });
export type RelayJobResponse = z.infer<typeof relayJobSchema>;

export const relayJobListSchema = z.object({ items: z.array(relayJobSchema), next_cursor: z.string().nullable() }).meta({ id: "RelayJobList" });

export const relayListQuerySchema = z.object({
  status: z.enum(RELAY_STATUSES).optional(),
  limit: z.coerce.number().int().min(1).max(100).default(20),
  cursor: z.string().max(200).optional(),
});

export const relayJobParamsSchema = z.object({ id: z.string().min(1).max(64).regex(/^[A-Za-z0-9_-]+$/) });

export const relayAcceptedSchema = z.object({ job_id: z.string(), status: z.literal("queued") }).meta({ id: "RelayJobAccepted" });

export const callbackAnswerSchema = z.object({ job_id: z.string(), status: z.enum(RELAY_STATUSES), changed: z.boolean() }).meta({ id: "RelayCallbackAnswer" });
