import { z } from "zod";

const jobRef = z.object({ job_id: z.string().min(1), workspace_id: z.string().min(1) });

/** The forms events (typed here, so inngest/events.ts keeps their data types). */
export const formsEvents = {
  uploaded: { name: "forms/pdf.uploaded", description: "A PDF passed the upload checks and its forms job is queued: `forms-process` makes it fillable.", schema: jobRef },
} as const;
