"use client";

import Link from "next/link";
import { formatDuration, shortId } from "@/app/_components/format";
import { useHydrated, useNow } from "@/app/_components/hooks/use-hydrated";
import { RelativeTime } from "@/app/_components/ui/time";
import { type Column, DataTable } from "@/app/_components/ui/data-table";
import { StatusBadge } from "@/app/_components/ui/status-badge";
import { isActiveRun, type RunSummaryView } from "./types";

function Duration({ run, now }: { run: RunSummaryView; now: Date | null }) {
  if (run.duration_ms !== null) return <>{formatDuration(run.duration_ms)}</>;
  if (run.started_at && isActiveRun(run.status)) {
    // The clock differs between server and browser: tick only once hydrated.
    if (!now) return <span className="text-indigo-700">running</span>;
    return <span className="text-indigo-700">{formatDuration(now.getTime() - Date.parse(run.started_at))}</span>;
  }
  return <>—</>;
}

const fnLabel = (run: RunSummaryView) => run.function_name ?? run.function_id;

/** Runs linking to their pages (cards on phones). Active runs show their running time ticking. */
export function RunsTable({ runs, showWorkspace = false }: { runs: RunSummaryView[]; showWorkspace?: boolean }) {
  const ticking = useNow(1_000);
  const now = useHydrated() ? ticking : null;
  const columns: Column<RunSummaryView>[] = [
    {
      header: "Status",
      className: "w-28",
      cell: (run) => (
        <>
          <StatusBadge status={run.status} />
          {run.next_retry_at ? <div className="mt-1 text-xs text-amber-800">Retry pending</div> : null}
        </>
      ),
    },
    {
      header: "Function",
      cell: (run) => (
        <>
          <Link href={`/runs/${run.id}`} className="block truncate font-medium text-indigo-700 hover:underline">
            {fnLabel(run)}
          </Link>
          <div className="truncate font-mono text-xs text-slate-600" title={run.id}>
            {shortId(run.id)}
            {showWorkspace ? <span className="ml-2 font-sans">{run.workspace_id ? `workspace ${shortId(run.workspace_id)}` : "no workspace"}</span> : null}
          </div>
        </>
      ),
    },
    {
      header: "Trigger",
      className: "truncate font-mono text-xs text-slate-700",
      cell: (run) => (
        <span title={run.event_name}>
          {run.event_name}
          {run.error && run.status === "failed" ? <span className="block truncate font-sans text-red-700" title={run.error.message}>{run.error.name}: {run.error.message}</span> : null}
        </span>
      ),
    },
    { header: "Created", className: "w-36 whitespace-nowrap text-slate-600", cell: (run) => <RelativeTime value={run.created_at} /> },
    { header: "Duration", className: "w-28 text-right whitespace-nowrap text-slate-600 tabular-nums", cell: (run) => <Duration run={run} now={now} /> },
  ];
  return (
    <DataTable
      rows={runs}
      rowKey={(run) => run.id}
      caption="Runs, newest first"
      breakpoint="md"
      fixed
      columns={columns}
      rowAttributes={(run) => ({ "data-testid": "run-row", "data-run-id": run.id, "data-status": run.status })}
      card={(run) => (
        <Link href={`/runs/${run.id}`} className="block space-y-1 px-1 py-3 hover:bg-slate-50">
          <div className="flex items-center justify-between gap-2">
            <span className="truncate font-medium text-slate-900">{fnLabel(run)}</span>
            <StatusBadge status={run.status} />
          </div>
          <div className="truncate font-mono text-xs text-slate-600">{run.event_name}</div>
          <div className="flex justify-between text-xs text-slate-600">
            <RelativeTime value={run.created_at} />
            <Duration run={run} now={now} />
          </div>
        </Link>
      )}
    />
  );
}
