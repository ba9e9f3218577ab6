import type { z } from "zod";
import type { ErrorTable } from "@/lib/errors/codes";
import type { PipelineHealthCheck } from "@/lib/health";
import type { StageSpec } from "@/lib/jobs/stages";

/** An event a pipeline sends or listens to: `area/noun.verb` and its data schema (zod). */
export type PipelineEvent = { name: string; description: string; schema: z.ZodObject };

/** Where a job runs for: a workspace's own work, or instance-level system jobs seen only by operators. */
export type PipelineScope = "workspace" | "instance";

/**
 * Everything about one pipeline, declared in one place (`lib/<kind>/definition.ts`) and listed once
 * in `lib/pipelines/registry.ts`. The served function list, the OpenAPI catalog, the navigation,
 * the job page, the metrics labels and the error explanations are derived from the registry.
 * Only data and lib functions here: the Inngest functions themselves live in
 * `inngest/functions/<kind>/` (lib never imports inngest/), the page in `app/(app)/<kind>/`.
 */
export type PipelineDefinition<K extends string = string> = {
  /** `jobs.kind`: lower-case letters, digits and dashes. */
  kind: K;
  /** What people call it: "Forms". */
  title: string;
  /** One sentence for the job page and the docs. */
  description: string;
  scope: PipelineScope;
  /** In order; the shares of the progress bar add up to at most 1. */
  stages: readonly StageSpec[];
  /** The events it sends or triggers on (inngest/events.ts turns them into typed event types). */
  events: Readonly<Record<string, PipelineEvent>>;
  /** The ids of its Inngest functions; the served list must contain exactly these (registry test). */
  functions: readonly string[];
  /** Its API operations module (`import * as operations from "./operations"`), for the OpenAPI catalog. */
  operations: Readonly<Record<string, unknown>>;
  /** Its settings fragment (lib/env composes it; `.env.example` lists each). */
  settings: Readonly<Record<string, z.ZodType>>;
  /**
   * Its page in the signed-in navigation. Shown to every member, or to operators only; unset, an
   * instance pipeline's page is for operators (its jobs are theirs) and a workspace pipeline's for members.
   */
  nav?: { href: string; label: string; icon: string; visibleTo?: "members" | "operators" };
  /** How a job of this kind is shown on the job page: links to the pipeline's own view (`{id}` is the job id). */
  jobPage: { actions: readonly { label: string; href: string }[] };
  /** Its error types with status and plain explanation (`defineErrorTypes(...).table`). */
  errors: ErrorTable;
  /** Values for `{name}` placeholders in its explanations (limits of this installation). */
  explanationVars?: () => Record<string, string | number>;
  /** How long a succeeded job's result is kept: the setting's name and its value now. */
  retention: { setting: string; ms: () => number };
  /** Removes a stopped job's work area (files outside stored-file records); idempotent. */
  removeWorkArea?: (ref: { jobId: string; workspaceId: string | null }) => Promise<void>;
  /** Finds work areas nothing needs any more (retention cron). Returns how many went. */
  sweepWorkAreas?: () => Promise<number>;
  /** Its own health in `GET /api/health` (a scheduler that stopped firing); "degraded" degrades the report. */
  health?: PipelineHealthCheck["check"];
};

/** Whether a pipeline's page is in the navigation of people who are not instance operators. */
export function navForMembers(p: Pick<PipelineDefinition, "scope" | "nav">): boolean {
  return (p.nav?.visibleTo ?? (p.scope === "instance" ? "operators" : "members")) === "members";
}

/** Checks a definition's shape at compile time and keeps its literal kind. */
export function definePipeline<const K extends string>(definition: PipelineDefinition<K>): PipelineDefinition<K> {
  return definition;
}
