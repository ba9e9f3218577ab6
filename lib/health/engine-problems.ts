/**
 * The public names of what the engine reports wrong. Its own wording quotes sync errors, URLs and
 * database messages, which a public endpoint must not repeat; a fixed vocabulary tells an
 * operator (or a load balancer's dashboard) what to look for, and the log has the full text.
 */
export const ENGINE_PROBLEM_CODES = {
  not_synced: "the app has not been synced with the engine yet",
  sync_failing: "syncing the app with the engine fails",
  sync_error: "a synced app reported an error",
  no_worker: "work is due but no worker is running",
  queue_lag: "due work has waited longer than a minute",
  not_started: "the embedded engine has not started",
  database_unreachable: "the engine cannot reach its database",
  other: "another problem; see the server log",
} as const;

export type EngineProblemCode = keyof typeof ENGINE_PROBLEM_CODES;

const RULES: [RegExp, EngineProblemCode][] = [
  [/^app not synced/i, "not_synced"],
  [/^sync failing/i, "sync_failing"],
  [/^sync error/i, "sync_error"],
  [/no worker/i, "no_worker"],
  [/due work has waited/i, "queue_lag"],
  [/^database/i, "database_unreachable"],
  [/not started|has not started/i, "not_started"],
];

function codeOf(text: string): EngineProblemCode {
  return RULES.find(([pattern]) => pattern.test(text))?.[1] ?? "other";
}

/** Problem codes for the engine's free-text `problems` (degraded) or `reason` (down). */
export function engineProblemCodes(status: string, detail: Record<string, unknown> | undefined): EngineProblemCode[] {
  if (status !== "degraded" && status !== "down") return [];
  const texts = [
    ...(Array.isArray(detail?.problems) ? detail.problems.filter((p): p is string => typeof p === "string") : []),
    ...(status === "down" && typeof detail?.reason === "string" ? [detail.reason] : []),
  ];
  const codes = [...new Set(texts.map(codeOf))];
  return codes.length > 0 ? codes : ["other"];
}
