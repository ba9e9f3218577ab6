export type ExtractionRef = { jobId: string; workspaceId: string };

/** What the first step decides: the pages (or sheets) to read, in batches of one step each. */
export type ExtractionPlan = { format: "pdf" | "csv" | "xlsx"; batches: number[][]; total: number };

/** Pages per step: a step's work is bounded and its progress visible, and a retry redoes little. */
export const PAGES_PER_BATCH = 10;

export const workFileKey = (ref: ExtractionRef, batch: number) => `${ref.workspaceId}/documents-work/${ref.jobId}-${batch}.json`;
