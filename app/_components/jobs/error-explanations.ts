import { DEFAULT_EXPLANATION, fillExplanation, platformErrors } from "@/lib/errors/codes";

/**
 * Plain-language explanations of the platform's error types (lib/errors/codes.ts, the one table).
 * Pipelines' own types come from their registry entry: server pages pass
 * `errorExplanations(kind)` (lib/pipelines/registry.ts) as `explanations`, which win.
 */
export const ERROR_EXPLANATIONS: Record<string, string> = Object.fromEntries(
  Object.entries(platformErrors.table).map(([type, spec]) => [type, fillExplanation(spec.explanation)]),
);

export { DEFAULT_EXPLANATION };

/** The explanation for `type`, preferring the caller's own table. */
export function explainError(type: string, extra?: Record<string, string>): string {
  return extra?.[type] ?? ERROR_EXPLANATIONS[type] ?? DEFAULT_EXPLANATION;
}
