import type { StageSpec } from "@/lib/jobs/stages";

/**
 * In order, with each stage's share of the progress bar; fetching (the network) takes most of the
 * time. Pure data: the page imports it for its stage list.
 */
export const LOGBOOK_STAGES = [
  { name: "fetching", label: "Fetch", share: 0.6 },
  { name: "cleaning", label: "Clean", share: 0.12 },
  { name: "exporting", label: "Export CSV", share: 0.1 },
  { name: "analyzing", label: "Analyse", share: 0.06 },
  { name: "saving", label: "Save", share: 0.11 },
] as const satisfies readonly StageSpec[];
