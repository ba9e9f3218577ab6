import { z } from "zod";

/** The platform's job events (inngest/events.ts makes them typed event types). */
export const jobEvents = {
  canceled: {
    name: "jobs/job.canceled",
    description: "A job was deleted or canceled by a user; its pipeline run stops (cancelOn) and jobs-cleanup removes its files.",
    schema: z.object({ job_id: z.string().min(1), workspace_id: z.string().min(1) }),
  },
} as const;
