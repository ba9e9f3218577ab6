"use client";

import { useCallback, useEffect, useState } from "react";
import { api, errorMessage } from "@/app/_components/api";
import { Alert } from "@/app/_components/ui/alert";
import { Button } from "@/app/_components/ui/button";
import { Card } from "@/app/_components/ui/page-header";

type Run = {
  run_id: string;
  status: string;
  trigger: string;
  created_at: string;
  duration_ms: number | null;
  summary: { totals?: Record<string, number>; errors?: { region_id?: number; contract_id?: number; message: string }[] } | null;
};
type Runs = { items: Run[]; next_run_at: string | null; enabled: boolean; regions: number[] };

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
      <table className="w-full text-left text-sm" aria-label="Aggregation runs">
        <thead className="text-slate-500">
          <tr>
            <th className="py-2">Started</th>
            <th>Trigger</th>
            <th>Outcome</th>
            <th>Duration</th>
            <th>New / updated / expired</th>
            <th>Errors</th>
          </tr>
        </thead>
        <tbody>
          {runs?.items.map((r) => {
            const t = r.summary?.totals;
            return (
              <tr key={r.run_id} className="border-t align-top">
                <td className="py-2">{new Date(r.created_at).toLocaleString()}</td>
                <td>{r.trigger}</td>
                <td>{r.status}</td>
                <td>{r.duration_ms === null ? "" : `${(r.duration_ms / 1000).toFixed(1)} s`}</td>
                <td>{t ? `${t.contracts_new} / ${t.contracts_updated} / ${t.contracts_expired}` : ""}</td>
                <td>
                  {r.summary?.errors?.slice(0, 3).map((e, i) => (
                    <div key={i}>
                      {e.contract_id ? `contract ${e.contract_id}: ` : e.region_id ? `region ${e.region_id}: ` : ""}
                      {e.message}
                    </div>
                  ))}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </Card>
  );
}
