import { z } from "zod";

const jobRef = z.object({ job_id: z.string().min(1), workspace_id: z.string().min(1) });

/** The forms events (typed here, so inngest/events.ts keeps their data types). */
export const formsEvents = {
  fieldsEdited: {
    name: "forms/fields.edited",
    description: "A person edited a finished forms job's field list: `forms-rewrite` runs its writing stage again and the rebuilt PDF becomes the result.",
    schema: jobRef.extend({ revision: z.string().regex(/^[0-9a-f]{16,64}$/) }),
  },
  uploaded: { name: "forms/pdf.uploaded", description: "A PDF passed the upload checks and its forms job is queued: `forms-process` makes it fillable.", schema: jobRef },
} as const;
