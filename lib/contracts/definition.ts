import { contractsSettings } from "@/lib/env/contracts";
import { definePipeline } from "@/lib/pipelines/define";
import { contractsConfig } from "./config";
import { contractsErrors } from "./errors";
import { contractsHealth } from "./health";
import { contractsEvents } from "./events";
import * as operations from "./operations";
import { CONTRACTS_JOB_KIND, CONTRACTS_STAGES } from "./stages";

export { contractsEvents } from "./events";

/**
 * The contracts aggregation's registry entry: instance-level work (EVE's public contracts are the
 * same for every workspace), so its runs are operators' and belong to no workspace; the contract
 * listings it builds are public data every member may browse.
 */
export const contractsPipeline = definePipeline({
  kind: CONTRACTS_JOB_KIND,
  title: "Contracts",
  description: "Aggregates EVE Online's public contracts from ESI on a schedule: ETags, pagination, one run at a time, ship detection, batched upserts.",
  scope: "instance",
  stages: CONTRACTS_STAGES,
  events: contractsEvents,
  functions: ["contracts-aggregate"],
  operations,
  settings: contractsSettings,
  nav: { href: "/contracts", label: "Contracts", icon: "runs", visibleTo: "members" },
  jobPage: { actions: [{ label: "Open contracts", href: "/contracts" }] },
  errors: contractsErrors.table,
  retention: { setting: "CONTRACTS_RETENTION", ms: () => contractsConfig().retentionMs },
  health: () => contractsHealth(),
});
