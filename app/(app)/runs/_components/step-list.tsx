"use client";

import { formatDuration } from "@/app/_components/format";
import { TimeOfDay } from "@/app/_components/ui/time";
import { ErrorPanel } from "./error-panel";
import { JsonViewer } from "./json-viewer";
import { StatusBadge } from "@/app/_components/ui/status-badge";
import type { RunStepView, RunView } from "./types";

type Props = { run: RunView; now: number | null; fullHref: string };

const OP_LABELS: Record<string, string> = {
  StepRun: "step.run",
  Step: "step",
  Sleep: "step.sleep",
  WaitForEvent: "step.waitForEvent",
  WaitForSignal: "step.waitForSignal",
  InvokeFunction: "step.invoke",
  StepPlanned: "planned",
};

/** Where a step sits on the run's timeline, as left/width percentages (a waterfall like Inngest's). */
function bar(step: RunStepView, runStart: number, runEnd: number) {
  if (!step.started_at) return null;
  const span = Math.max(runEnd - runStart, 1);
  const start = Date.parse(step.started_at);
  const end = step.ended_at ? Date.parse(step.ended_at) : runEnd;
  const left = Math.min(Math.max(((start - runStart) / span) * 100, 0), 100);
  const width = Math.max(((end - start) / span) * 100, 0.75);
  return { left, width: Math.min(width, 100 - left) };
}

const BAR_COLORS: Record<string, string> = { completed: "bg-emerald-500", failed: "bg-red-500", cancelled: "bg-amber-500", running: "bg-indigo-500 animate-pulse" };

function StepOptions({ options }: { options: Record<string, unknown> }) {
  const entries = Object.entries(options).filter(([, v]) => v !== null && v !== undefined && v !== "");
  if (entries.length === 0) return null;
  return (
    <dl className="grid grid-cols-[auto_1fr] gap-x-3 gap-y-1 text-xs">
      {entries.map(([k, v]) => (
        <div key={k} className="contents">
          <dt className="font-medium text-slate-600">{k}</dt>
          <dd className="font-mono break-all text-slate-900">{typeof v === "string" ? v : JSON.stringify(v)}</dd>
        </div>
      ))}
    </dl>
  );
}

/** A run's steps in order, each with its place on the timeline and, unfolded, its output and errors. */
export function StepList({ run, now, fullHref }: Props) {
  const runStart = Date.parse(run.started_at ?? run.created_at);
  const lastEnd = Math.max(runStart, ...run.steps.map((s) => (s.ended_at ? Date.parse(s.ended_at) : 0)));
  const runEnd = run.ended_at ? Date.parse(run.ended_at) : Math.max(now ?? lastEnd, lastEnd);
  const truncated = new Set(run.truncated);
  if (run.steps.length === 0) {
    return <p className="text-sm text-slate-600">{run.status === "queued" ? "The run has not started yet." : "No steps: the function ran without step tools, or has not reached one yet."}</p>;
  }
  return (
    <ol className="divide-y divide-slate-100" data-testid="run-steps">
      {run.steps.map((step, i) => {
        const position = bar(step, runStart, runEnd);
        const failedAttempts = step.attempt_errors.length;
        const duration = step.duration_ms ?? (step.started_at && now ? now - Date.parse(step.started_at) : null);
        return (
          <li key={step.id} data-testid="run-step" data-step-name={step.name ?? step.id} data-status={step.status}>
            <details className="group" open={step.status === "failed" || undefined}>
              <summary className="grid cursor-pointer list-none grid-cols-[1fr_auto] items-center gap-x-3 gap-y-1 py-2.5 hover:bg-slate-50 sm:grid-cols-[14rem_minmax(0,1fr)_7rem]">
                <span className="flex min-w-0 items-center gap-2">
                  <svg viewBox="0 0 20 20" fill="currentColor" className="size-4 shrink-0 text-slate-400 transition-transform group-open:rotate-90" aria-hidden="true">
                    <path fillRule="evenodd" d="M7.21 14.77a.75.75 0 0 1 .02-1.06L11.168 10 7.23 6.29a.75.75 0 1 1 1.04-1.08l4.5 4.25a.75.75 0 0 1 0 1.08l-4.5 4.25a.75.75 0 0 1-1.06-.02Z" clipRule="evenodd" />
                  </svg>
                  <span className="min-w-0">
                    <span className="block truncate font-medium text-slate-900">{step.name ?? step.id}</span>
                    <span className="flex items-center gap-2 text-xs text-slate-600">
                      <span className="font-mono">{OP_LABELS[step.op] ?? step.op}</span>
                      {failedAttempts > 0 ? <span className="text-amber-800">{failedAttempts} failed {failedAttempts === 1 ? "attempt" : "attempts"}</span> : null}
                    </span>
                  </span>
                </span>
                <span className="relative col-span-2 row-start-2 h-2 rounded bg-slate-100 sm:col-span-1 sm:row-start-auto" aria-hidden="true">
                  {position ? <span className={`absolute inset-y-0 rounded ${BAR_COLORS[step.status] ?? "bg-sky-400"}`} style={{ left: `${position.left}%`, width: `${position.width}%` }} /> : null}
                </span>
                <span className="flex flex-col items-end gap-0.5 text-right text-xs text-slate-600 tabular-nums sm:row-start-auto">
                  <StatusBadge status={step.status} />
                  <span>{duration !== null ? formatDuration(duration) : "—"}</span>
                </span>
              </summary>
              <div className="space-y-3 pb-4 pl-6">
                <p className="text-xs text-slate-600">
                  Started <TimeOfDay value={step.started_at} />, ended <TimeOfDay value={step.ended_at} />
                  {step.attempts > 1 ? ` · ${step.attempts} attempts` : ""}
                </p>
                {step.options ? <StepOptions options={step.options} /> : null}
                {step.error !== null ? (
                  <ErrorPanel error={step.error} truncated={truncated.has(`/steps/${i}/error`)} fullHref={fullHref} title={`Error of step ${step.name ?? step.id}`} />
                ) : step.output !== null || (step.ended_at && step.op !== "Sleep") ? (
                  <div>
                    <h4 className="mb-1 text-xs font-medium tracking-wide text-slate-600 uppercase">Output</h4>
                    <JsonViewer value={step.output} truncated={truncated.has(`/steps/${i}/output`)} fullHref={fullHref} label={`Output of step ${step.name ?? step.id}`} />
                  </div>
                ) : null}
                {failedAttempts > 0 ? (
                  <div>
                    <h4 className="mb-1 text-xs font-medium tracking-wide text-slate-600 uppercase">Failed attempts</h4>
                    <ol className="space-y-2">
                      {step.attempt_errors.map((a, j) => (
                        <li key={j}>
                          <p className="mb-1 text-xs text-slate-600">
                            Attempt {a.attempt + 1} at <TimeOfDay value={a.at} />
                          </p>
                          <ErrorPanel error={a.error} truncated={truncated.has(`/steps/${i}/attempt_errors/${j}/error`)} fullHref={fullHref} title={`Attempt ${a.attempt + 1} of step ${step.name ?? step.id}`} />
                        </li>
                      ))}
                    </ol>
                  </div>
                ) : null}
              </div>
            </details>
          </li>
        );
      })}
    </ol>
  );
}
