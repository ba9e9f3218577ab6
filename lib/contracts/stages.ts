import type { StageSpec } from "@/lib/jobs/stages";

/** A run's stages as its system job shows them. */
export const CONTRACTS_STAGES = [
  { name: "regions", label: "Fetch each region's contracts", share: 0.85 },
  { name: "types", label: "Refresh item types", share: 0.1 },
  { name: "summary", label: "Write the run summary", share: 0.05 },
] as const satisfies readonly StageSpec[];

export const CONTRACTS_JOB_KIND = "contracts";
