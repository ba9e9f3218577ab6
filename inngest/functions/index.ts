import type { InngestFunction } from "inngest";
import type { PipelineKind } from "@/lib/pipelines/registry";
import { formsProcess } from "./forms-process";
import { formsRewrite } from "./forms-rewrite";
import { logbookSync } from "./logbook-sync";
import { contractsAggregate } from "./contracts-aggregate";
import { relayProcess } from "./relay-process";
import { documentsExtract } from "./documents-extract";
import { jobsCleanup } from "./jobs-cleanup";
import { jobsExpire } from "./jobs-expire";
import { selfTest } from "./self-test";

/** The platform's own functions: engine self-test, the one retention cron, the one cancellation clean-up. */
export const platformFunctions = [selfTest, jobsExpire, jobsCleanup];

/**
 * Each pipeline's functions, by kind (lib/pipelines/registry.ts lists the pipelines; lib cannot
 * import inngest/, so the function objects are looked up here). The compiler refuses a registered
 * kind without its entry; registry.test.ts holds the ids to the registry's `functions`.
 */
export const pipelineFunctions = {
  forms: [formsProcess, formsRewrite],
  logbook: [logbookSync],
  contracts: [contractsAggregate],
  relay: [relayProcess],
  documents: [documentsExtract],
} satisfies Record<PipelineKind, readonly InngestFunction.Any[]>;

/** Every durable function served at /api/inngest. */
export const functions = [...platformFunctions, ...Object.values(pipelineFunctions).flat()];
