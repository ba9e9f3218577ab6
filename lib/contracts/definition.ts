import { contractsSettings } from "@/lib/env/contracts";
import { defineErrorTypes } from "@/lib/errors/codes";
import { definePipeline } from "@/lib/pipelines/define";
import { contractsConfig } from "./config";
import { contractsEvents } from "./events";
import * as operations from "./operations";

export { contractsEvents } from "./events";

/** How a run ends when it does not succeed (the run summary's `errors` list the ESI failures). */
export const contractsErrors = defineErrorTypes({
  EsiUnavailableError: { status: 502, explanation: "ESI kept failing or asked us to wait longer than the run may; the next scheduled run tries again." },
  LeaseLostError: { status: 409, explanation: "Another run took over the aggregation lock (this one stalled past CONTRACTS_LEASE_TTL), so this one stopped." },
});

/**
 * The contracts aggregation's registry entry: instance-level work (EVE's public contracts are the
 * same for every workspace), so its runs are operators' and belong to no workspace; the contract
 * listings it builds are public data every member may browse.
 */
export const contractsPipeline = definePipeline({
  kind: "contracts",
  title: "Contracts",
  description: "Aggregates EVE Online's public contracts from ESI on a schedule: ETags, pagination, one run at a time, ship detection, batched upserts.",
  scope: "instance",
  stages: [
    { name: "regions", label: "Fetch each region's contracts", share: 0.85 },
    { name: "types", label: "Refresh item types", share: 0.1 },
    { name: "summary", label: "Write the run summary", share: 0.05 },
  ],
  events: contractsEvents,
  functions: ["contracts-aggregate"],
  operations,
  settings: contractsSettings,
  nav: { href: "/contracts", label: "Contracts", icon: "runs", visibleTo: "members" },
  jobPage: { actions: [{ label: "Open contracts", href: "/contracts" }] },
  errors: contractsErrors.table,
  retention: { setting: "CONTRACTS_RETENTION", ms: () => contractsConfig().retentionMs },
});
