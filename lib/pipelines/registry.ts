import type { PipelineHealthCheck } from "@/lib/health";
import { fillExplanation, platformErrors, DEFAULT_EXPLANATION } from "@/lib/errors/codes";
import { contractsPipeline } from "@/lib/contracts/definition";
import { formsPipeline } from "@/lib/forms/definition";
import { logbookPipeline } from "@/lib/logbook/definition";
import { relayPipeline } from "@/lib/relay/definition";
import { documentsPipeline } from "@/lib/documents/definition";
import type { PipelineDefinition } from "./define";

/**
 * Every pipeline, one line each. The composition level: only composition modules import this (the
 * OpenAPI catalog, inngest/functions, the navigation, the job page, the metrics route, the
 * settings check); platform modules (lib/jobs, lib/http, ...) take what they need as arguments.
 */
export const PIPELINES = [
  formsPipeline,
  logbookPipeline,
  relayPipeline,
  contractsPipeline,
  documentsPipeline,
] as const satisfies readonly PipelineDefinition[];

export type PipelineKind = (typeof PIPELINES)[number]["kind"];

/** The pipeline that runs jobs of `kind`, if any. */
export function pipelineOf(kind: string): PipelineDefinition | undefined {
  return (PIPELINES as readonly PipelineDefinition[]).find((p) => p.kind === kind);
}

export const PIPELINE_KINDS: readonly PipelineKind[] = PIPELINES.map((p) => p.kind);

/** The pipelines' own health checks, named by kind, for `GET /api/health`. */
export function pipelineHealthChecks(): PipelineHealthCheck[] {
  return (PIPELINES as readonly PipelineDefinition[]).flatMap((p) => (p.health ? [{ name: p.kind, check: p.health }] : []));
}

/**
 * Every error type's plain explanation: the platform's, overlaid by the pipeline's own when a kind
 * is given (a pipeline may explain a shared type in its own words), placeholders filled with the
 * installation's limits. What the job and upload pages show.
 */
export function errorExplanations(kind?: string): Record<string, string> {
  const out: Record<string, string> = {};
  const pipeline = kind ? pipelineOf(kind) : undefined;
  const vars = pipeline?.explanationVars?.() ?? {};
  for (const [type, spec] of Object.entries(platformErrors.table)) out[type] = fillExplanation(spec.explanation, vars);
  for (const p of PIPELINES as readonly PipelineDefinition[]) {
    if (p === pipeline) continue;
    for (const [type, spec] of Object.entries(p.errors)) out[type] ??= fillExplanation(spec.explanation, p.explanationVars?.() ?? {});
  }
  if (pipeline) for (const [type, spec] of Object.entries(pipeline.errors)) out[type] = fillExplanation(spec.explanation, vars);
  return out;
}

export { DEFAULT_EXPLANATION };
