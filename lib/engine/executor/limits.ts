/** Inngest's limits: a step's output is at most 4 MB, a run at most 1000 steps. */
export const MAX_OUTPUT_BYTES = 4 * 1024 * 1024;
export const MAX_STEPS = 1000;
