import { z } from "zod";

/** The contracts events (typed here, so inngest/events.ts keeps their data types). */
export const contractsEvents = {
  runRequested: {
    name: "contracts/run.requested",
    description: "An operator asked for a contracts aggregation run (\"run now\"); `run_id` names its queued row.",
    schema: z.object({ run_id: z.string().min(1).max(100) }),
  },
} as const;
