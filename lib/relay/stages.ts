import type { StageSpec } from "@/lib/jobs/stages";

/** A relay job's stages: hand the image to the workflow, then wait for its signed callback. */
export const RELAY_STAGES = [
  { name: "dispatching", label: "Send to the workflow", share: 0.3 },
  { name: "waiting", label: "Wait for Notion", share: 0.69 },
] as const satisfies readonly StageSpec[];
