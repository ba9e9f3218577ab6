import { z } from "zod";

/** The logbook events (typed here, so inngest/events.ts keeps their data types). */
export const logbookEvents = {
  syncRequested: {
    name: "logbook/sync.requested",
    description:
      "A logbook source was connected and its sync job queued: `logbook-sync` fetches, cleans, exports, analyses and saves. Never holds a password or session: 8a.nu credentials wait in memory only.",
    schema: z.object({ job_id: z.string().min(1), workspace_id: z.string().min(1), source_id: z.string().min(1) }),
  },
} as const;
