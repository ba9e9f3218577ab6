"use client";

import Link from "next/link";
import { formatDuration, shortId } from "@/app/_components/format";
import { useHydrated, useNow } from "@/app/_components/hooks/use-hydrated";
import { RelativeTime } from "@/app/_components/ui/time";
import { RunStatusBadge } from "./run-status-badge";
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

/**
 * Runs linking to their pages: a table from the `md` breakpoint, stacked cards on phones. Active
 * runs show their running time ticking.
 */
export function RunsTable({ runs, showWorkspace = false }: { runs: RunSummaryView[]; showWorkspace?: boolean }) {
  const ticking = useNow(1_000);
  const now = useHydrated() ? ticking : null;
  return (
    <>
      <ul className="divide-y divide-slate-200 md:hidden" aria-label="Runs">
        {runs.map((run) => (
          <li key={run.id} data-testid="run-row" data-run-id={run.id} data-status={run.status}>
            <Link href={`/runs/${run.id}`} className="block space-y-1 px-1 py-3 hover:bg-slate-50">
              <div className="flex items-center justify-between gap-2">
                <span className="truncate font-medium text-slate-900">{fnLabel(run)}</span>
                <RunStatusBadge status={run.status} />
              </div>
              <div className="truncate font-mono text-xs text-slate-600">{run.event_name}</div>
              <div className="flex justify-between text-xs text-slate-600">
                <RelativeTime value={run.created_at} />
                <Duration run={run} now={now} />
              </div>
            </Link>
          </li>
        ))}
      </ul>
      <table className="hidden w-full table-fixed text-left text-sm md:table">
        <caption className="sr-only">Runs, newest first</caption>
        <thead className="border-b border-slate-200 text-xs tracking-wide text-slate-600 uppercase">
          <tr>
            <th scope="col" className="w-28 py-2 pr-3 font-medium">Status</th>
            <th scope="col" className="px-3 py-2 font-medium">Function</th>
            <th scope="col" className="px-3 py-2 font-medium">Trigger</th>
            <th scope="col" className="w-36 px-3 py-2 font-medium">Created</th>
            <th scope="col" className="w-28 py-2 pl-3 text-right font-medium">Duration</th>
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100">
          {runs.map((run) => (
            <tr key={run.id} className="hover:bg-slate-50" data-testid="run-row" data-run-id={run.id} data-status={run.status}>
              <td className="py-3 pr-3">
                <RunStatusBadge status={run.status} />
                {run.next_retry_at ? <div className="mt-1 text-xs text-amber-800">Retry pending</div> : null}
              </td>
              <td className="px-3 py-3">
                <Link href={`/runs/${run.id}`} className="block truncate font-medium text-indigo-700 hover:underline">
                  {fnLabel(run)}
                </Link>
                <div className="truncate font-mono text-xs text-slate-600" title={run.id}>
                  {shortId(run.id)}
                  {showWorkspace ? <span className="ml-2 font-sans">{run.workspace_id ? `workspace ${shortId(run.workspace_id)}` : "no workspace"}</span> : null}
                </div>
              </td>
              <td className="truncate px-3 py-3 font-mono text-xs text-slate-700" title={run.event_name}>
                {run.event_name}
                {run.error && run.status === "failed" ? <div className="truncate font-sans text-red-700" title={run.error.message}>{run.error.name}: {run.error.message}</div> : null}
              </td>
              <td className="px-3 py-3 whitespace-nowrap text-slate-600">
                <RelativeTime value={run.created_at} />
              </td>
              <td className="py-3 pl-3 text-right whitespace-nowrap text-slate-600 tabular-nums">
                <Duration run={run} now={now} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </>
  );
}
