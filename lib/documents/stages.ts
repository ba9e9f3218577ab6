import type { StageSpec } from "@/lib/jobs/stages";

/** An extraction job's stages: pages (or sheets) read on the worker pool, then the tables saved. */
export const DOCUMENTS_STAGES = [
  { name: "extracting", label: "Extract tables page by page", share: 0.9 },
  { name: "saving", label: "Save the tables", share: 0.09 },
] as const satisfies readonly StageSpec[];
