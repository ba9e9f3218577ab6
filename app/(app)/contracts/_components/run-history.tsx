"use client";

import { useCallback, useEffect, useState } from "react";
import { api, errorMessage } from "@/app/_components/api";
import { Alert } from "@/app/_components/ui/alert";
import { Button } from "@/app/_components/ui/button";
import { type Column, DataTable } from "@/app/_components/ui/data-table";
import { EmptyState } from "@/app/_components/ui/empty-state";
import { Card } from "@/app/_components/ui/page-header";
import { StatusBadge } from "@/app/_components/ui/status-badge";
import { DateTime } from "@/app/_components/ui/time";

type Run = {
  run_id: string;
  status: string;
  trigger: string;
  created_at: string;
  duration_ms: number | null;
  summary: { totals?: Record<string, number>; errors?: { region_id?: number; contract_id?: number; message: string }[] } | null;
};
type Runs = { items: Run[]; next_run_at: string | null; enabled: boolean; regions: number[] };

const duration = (r: Run) => (r.duration_ms === null ? "—" : `${(r.duration_ms / 1000).toFixed(1)} s`);

function counts(r: Run): string {
  const t = r.summary?.totals;
  return t ? `${t.contracts_new} / ${t.contracts_updated} / ${t.contracts_expired}` : "—";
}

function RunErrors({ run }: { run: Run }) {
  const errors = run.summary?.errors?.slice(0, 3) ?? [];
  if (errors.length === 0) return null;
  return (
    <ul className="space-y-0.5 text-xs text-red-800">
      {errors.map((e, i) => (
        <li key={i}>
          {e.contract_id ? `contract ${e.contract_id}: ` : e.region_id ? `region ${e.region_id}: ` : ""}
          {e.message}
        </li>
      ))}
    </ul>
  );
}

const columns: Column<Run>[] = [
  { header: "Started", className: "w-44", cell: (r) => <DateTime value={r.created_at} /> },
  { header: "Trigger", className: "w-24", cell: (r) => r.trigger },
  { header: "Outcome", className: "w-28", cell: (r) => <StatusBadge status={r.status} /> },
  { header: "Duration", className: "w-20 text-right", cell: duration },
  { header: "New / updated / expired", className: "w-44 text-right", cell: counts },
  { header: "Errors", cell: (r) => <RunErrors run={r} /> },
];

/** Operators: the aggregation's runs (outcome, duration, counts, errors), the next due run and "run now". */
export function RunHistory() {
  const [runs, setRuns] = useState<Runs | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const load = useCallback(() => api<Runs>("/api/v1/contracts/runs").then(setRuns, (e) => setError(errorMessage(e))), []);
  useEffect(() => {
    void load();
    const timer = setInterval(load, 5000);
    return () => clearInterval(timer);
  }, [load]);

  async function runNow() {
    setBusy(true);
    setError(null);
    try {
      await api("/api/v1/contracts/runs", { method: "POST" });
      await load();
    } catch (e) {
      setError(errorMessage(e));
    } finally {
      setBusy(false);
    }
  }

  return (
    <Card
      title="Aggregation runs"
      description={runs?.next_run_at ? `Next run due ${new Date(runs.next_run_at).toLocaleString()}` : "No scheduled run (no regions configured)"}
      actions={<Button size="sm" busy={busy} onClick={runNow}>Run now</Button>}
      className="mt-6"
    >
      {error && <Alert tone="error">{error}</Alert>}
      {runs && runs.items.length === 0 ? (
        <EmptyState title="No runs yet" description="The aggregation runs on its schedule, or now with Run now." />
      ) : (
        <DataTable
          rows={runs?.items ?? []}
          rowKey={(r) => r.run_id}
          caption="Aggregation runs"
          columns={columns}
          rowAttributes={(r) => ({ "data-run-id": r.run_id, "data-status": r.status })}
          card={(r) => (
            <div className="space-y-1 px-1 py-3">
              <div className="flex items-center justify-between gap-2">
                <DateTime value={r.created_at} className="text-slate-900" />
                <StatusBadge status={r.status} />
              </div>
              <div className="flex justify-between text-xs text-slate-600">
                <span>{r.trigger}</span>
                <span>{counts(r)}</span>
                <span>{duration(r)}</span>
              </div>
              <RunErrors run={r} />
            </div>
          )}
        />
      )}
    </Card>
  );
}
