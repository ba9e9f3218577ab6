"use client";

import Link from "next/link";
import { useState } from "react";
import { api } from "@/app/_components/api";
import { formatDuration, shortId } from "@/app/_components/format";
import { useHydrated, useNow } from "@/app/_components/hooks/use-hydrated";
import { usePolling } from "@/app/_components/hooks/use-polling";
import { Card, PageHeader } from "@/app/_components/ui/page-header";
import { CopyButton } from "@/app/_components/ui/copy-button";
import { DateTime, RelativeTime } from "@/app/_components/ui/time";
import { ErrorPanel } from "./error-panel";
import { JsonViewer } from "./json-viewer";
import { RunActions } from "./run-actions";
import { StatusBadge } from "@/app/_components/ui/status-badge";
import { StepList } from "./step-list";
import { isActiveRun, PAGE_MAX_VALUE_BYTES, type RunView as Run } from "./types";

const LIVE_MS = 1_500;

function Field({ label, children }: { label: string; children: React.ReactNode }) {
  return (
    <div className="min-w-0">
      <dt className="text-xs font-medium tracking-wide text-slate-600 uppercase">{label}</dt>
      <dd className="mt-0.5 truncate text-sm text-slate-900">{children}</dd>
    </div>
  );
}

/** A run's page: summary, error or output, steps on a timeline, trigger event; live while active. */
export function RunView({ initialRun, showWorkspace }: { initialRun: Run; showWorkspace: boolean }) {
  const [run, setRun] = useState(initialRun);
  const [stale, setStale] = useState(false);
  const active = isActiveRun(run.status);
  const ticking = useNow(1_000);
  const now = useHydrated() ? ticking.getTime() : null;
  const detailUrl = `/api/v1/runs/${encodeURIComponent(run.id)}`;
  const refresh = async (signal?: AbortSignal) => {
    try {
      setRun(await api<Run>(`${detailUrl}?max_value_bytes=${PAGE_MAX_VALUE_BYTES}`, { signal }));
      setStale(false);
    } catch (e) {
      if ((e as Error).name !== "AbortError") setStale(true);
      throw e;
    }
  };
  usePolling(refresh, () => (active ? LIVE_MS : null), [run.id, active]);

  const truncated = new Set(run.truncated);
  const started = run.started_at ? Date.parse(run.started_at) : null;
  const failures = run.attempts.length + run.steps.reduce((n, s) => n + s.attempt_errors.length, 0);
  const duration = run.duration_ms ?? (started && now && active ? now - started : null);
  return (
    <div data-testid="run-view" data-run-status={run.status}>
      <PageHeader
        eyebrow={
          <nav aria-label="Breadcrumb">
            <Link href="/runs" className="text-indigo-700 hover:underline">Runs</Link>
            <span aria-hidden="true"> / </span>
            <span className="font-mono">{shortId(run.id)}</span>
          </nav>
        }
        title={run.function_name ?? run.function_id}
        description={
          <span className="inline-flex flex-wrap items-center gap-2">
            <StatusBadge status={run.status} />
            <span aria-live="polite" className={stale ? "text-amber-800" : "text-slate-600"}>
              {stale ? "Could not refresh; retrying…" : active ? "Updating live" : null}
            </span>
          </span>
        }
        actions={<RunActions run={run} onChanged={() => refresh()} />}
      />
      <div className="space-y-6">
        <Card>
          <dl className="grid grid-cols-2 gap-4 sm:grid-cols-3 lg:grid-cols-4">
            <Field label="Run ID">
              <span className="flex items-center gap-1">
                <code className="truncate font-mono text-xs" title={run.id}>{run.id}</code>
                <CopyButton value={run.id} label="Copy" accessibleName="Copy run ID" variant="ghost" />
              </span>
            </Field>
            <Field label="Trigger event"><code className="font-mono text-xs">{run.event_name}</code></Field>
            <Field label="Created"><DateTime value={run.created_at} seconds /></Field>
            <Field label="Duration">{duration !== null ? formatDuration(duration) : "—"}</Field>
            <Field label="Started"><DateTime value={run.started_at} seconds /></Field>
            <Field label="Ended"><DateTime value={run.ended_at} seconds /></Field>
            <Field label="Function"><code className="font-mono text-xs" title={run.function_id}>{run.function_id}</code></Field>
            <Field label="Failed attempts">{failures}</Field>
            {run.next_retry_at ? (
              <Field label="Next retry">
                <span className="text-amber-800" data-testid="next-retry">
                  Attempt {(run.pending_attempt ?? 0) + 1} <RelativeTime value={run.next_retry_at} />
                </span>
              </Field>
            ) : null}
            {run.rerun_of ? <Field label="Rerun of"><Link className="font-mono text-xs text-indigo-700 hover:underline" href={`/runs/${run.rerun_of}`}>{run.rerun_of}</Link></Field> : null}
            {run.parent_run_id ? <Field label="Invoked by"><Link className="font-mono text-xs text-indigo-700 hover:underline" href={`/runs/${run.parent_run_id}`}>{run.parent_run_id}</Link></Field> : null}
            {run.cancelled_by ? <Field label="Canceled by">{run.cancelled_by}</Field> : null}
            {showWorkspace ? <Field label="Workspace">{run.workspace_id ? <code className="font-mono text-xs">{run.workspace_id}</code> : "None (another app)"}</Field> : null}
          </dl>
        </Card>

        {run.status === "failed" || run.status === "cancelled" ? (
          <Card title={run.status === "failed" ? "Error" : "Canceled"} id="run-error">
            <ErrorPanel error={run.error} truncated={truncated.has("/error")} fullHref={detailUrl} title="Run error" />
          </Card>
        ) : null}
        {run.status === "completed" ? (
          <Card title="Output" id="run-output" description="What the function returned.">
            <JsonViewer value={run.output} truncated={truncated.has("/output")} fullHref={detailUrl} label="Run output" />
          </Card>
        ) : null}

        <Card title="Steps" id="run-steps" description={`${run.steps.length} ${run.steps.length === 1 ? "step" : "steps"}, in the order they ran. Unfold one for its output and errors.`}>
          <StepList run={run} now={now} fullHref={detailUrl} />
        </Card>

        {run.attempts.length > 0 ? (
          <Card title="Failed attempts" id="run-attempts" description="Calls that failed outside any step (the function body threw, or the app could not be reached).">
            <ol className="space-y-3">
              {run.attempts.map((a, i) => (
                <li key={i}>
                  <p className="mb-1 text-xs text-slate-600">Attempt {a.attempt + 1} at <DateTime value={a.at} seconds /></p>
                  <ErrorPanel error={a.error} truncated={truncated.has(`/attempts/${i}/error`)} fullHref={detailUrl} title={`Attempt ${a.attempt + 1}`} />
                </li>
              ))}
            </ol>
          </Card>
        ) : null}

        <Card title="Trigger event" id="run-event" description="The event exactly as the function received it.">
          <JsonViewer value={run.event} truncated={truncated.has("/event")} fullHref={detailUrl} label="Trigger event" />
        </Card>
      </div>
    </div>
  );
}
