"use client";

import { useRef, useState } from "react";
import { api, errorMessage } from "@/app/_components/api";
import { usePolling } from "@/app/_components/hooks/use-polling";
import { Alert } from "@/app/_components/ui/alert";
import { Button } from "@/app/_components/ui/button";
import { EmptyState } from "@/app/_components/ui/empty-state";
import { apiSearch, filtersToSearch, NO_FILTERS, PAGE_SIZE, type RunFilters } from "./filters";
import { RunFiltersBar } from "./run-filters";
import { RunsTable } from "./runs-table";
import { isActiveRun, type RunFunctionView, type RunSummaryView } from "./types";

type Page = { data: RunSummaryView[]; next_cursor: string | null };

type Props = {
  initialFilters: RunFilters;
  initialPage: Page;
  functions: RunFunctionView[];
  showWorkspace: boolean;
};

const FAST_MS = 2_000;
const SLOW_MS = 10_000;
/** Polling refreshes at most this many of the newest rows (the API's page limit). */
const REFRESH_MAX = 100;

/**
 * The runs list: filters kept in the URL (shareable, survive reloads), newest first, "Load more"
 * through the cursor, refreshed every 2 s while a listed run is active and every 10 s otherwise
 * (new runs arrive), paused in hidden tabs.
 */
export function RunsBrowser({ initialFilters, initialPage, functions, showWorkspace }: Props) {
  const [filters, setFilters] = useState(initialFilters);
  const [runs, setRuns] = useState(initialPage.data);
  const [cursor, setCursor] = useState(initialPage.next_cursor);
  const [loading, setLoading] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [stale, setStale] = useState(false);
  const generation = useRef(0);
  const anyActive = runs.some((r) => isActiveRun(r.status));

  const applyFilters = async (next: RunFilters) => {
    setFilters(next);
    window.history.replaceState(null, "", `/runs${filtersToSearch(next)}`);
    const mine = ++generation.current;
    setLoading(true);
    setError(null);
    try {
      const page = await api<Page>(`/api/v1/runs?${apiSearch(next, Date.now(), PAGE_SIZE)}`);
      if (mine !== generation.current) return;
      setRuns(page.data);
      setCursor(page.next_cursor);
    } catch (e) {
      if (mine === generation.current) setError(errorMessage(e));
    } finally {
      if (mine === generation.current) setLoading(false);
    }
  };

  const loadMore = async () => {
    if (!cursor) return;
    const mine = generation.current;
    setLoading(true);
    try {
      const page = await api<Page>(`/api/v1/runs?${apiSearch(filters, Date.now(), PAGE_SIZE, cursor)}`);
      if (mine !== generation.current) return;
      setRuns((all) => [...all, ...page.data.filter((r) => !all.some((a) => a.id === r.id))]);
      setCursor(page.next_cursor);
    } catch (e) {
      setError(errorMessage(e));
    } finally {
      setLoading(false);
    }
  };

  usePolling(
    async (signal) => {
      const mine = generation.current;
      const count = Math.min(Math.max(runs.length, PAGE_SIZE), REFRESH_MAX);
      try {
        const page = await api<Page>(`/api/v1/runs?${apiSearch(filters, Date.now(), count)}`, { signal });
        if (mine !== generation.current) return;
        setRuns((all) => (all.length <= REFRESH_MAX ? page.data : [...page.data, ...all.slice(REFRESH_MAX)]));
        if (runs.length <= REFRESH_MAX) setCursor(page.next_cursor);
        setStale(false);
      } catch (e) {
        if ((e as Error).name !== "AbortError") setStale(true);
        throw e;
      }
    },
    () => (anyActive ? FAST_MS : SLOW_MS),
    [filters, anyActive, runs.length],
  );

  const filtered = filters.fn || filters.statuses.length > 0 || filters.range !== "";
  return (
    <div className="space-y-4" data-testid="runs-browser">
      <RunFiltersBar filters={filters} functions={functions} onChange={(f) => void applyFilters(f)} />
      <p aria-live="polite" className={stale ? "text-xs text-amber-800" : "sr-only"}>
        {stale ? "Could not refresh the list; retrying…" : loading ? "Loading runs…" : `${runs.length} runs shown`}
      </p>
      {error ? <Alert tone="error" title="The runs could not be loaded">{error}</Alert> : null}
      <div className={`rounded-lg bg-white px-4 py-2 shadow-sm ring-1 ring-slate-200 sm:px-5 ${loading ? "opacity-60" : ""}`} aria-busy={loading || undefined}>
        {runs.length === 0 ? (
          <div className="py-4">
            <EmptyState
              title={filtered ? "No runs match these filters" : "No runs yet"}
              description={
                filtered
                  ? "Try another function, status or time range."
                  : "Runs appear here when a job starts a durable function, with each step, its output and timing."
              }
              action={filtered ? <Button variant="secondary" onClick={() => void applyFilters(NO_FILTERS)}>Clear filters</Button> : undefined}
            />
          </div>
        ) : (
          <RunsTable runs={runs} showWorkspace={showWorkspace} />
        )}
      </div>
      {cursor && runs.length > 0 ? (
        <div className="flex justify-center">
          <Button variant="secondary" onClick={() => void loadMore()} busy={loading}>
            Load more
          </Button>
        </div>
      ) : null}
    </div>
  );
}
