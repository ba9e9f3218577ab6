import { z } from "zod";

/** The documents events (typed here, so inngest/events.ts and lib's senders share them). */
export const documentsEvents = {
  extractionRequested: {
    name: "documents/extraction.requested",
    description: "An extraction job was queued: `documents-extract` reads the document's pages on the worker pool and saves its tables.",
    schema: z.object({ job_id: z.string().min(1), workspace_id: z.string().min(1) }),
  },
} as const;
