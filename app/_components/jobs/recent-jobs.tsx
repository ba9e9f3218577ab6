"use client";

import { useState, type ReactNode } from "react";
import { api } from "../api";
import { usePolling } from "../hooks/use-polling";
import { EmptyState } from "../ui/empty-state";
import { JobsTable } from "./jobs-table";
import { isActive, type JobView } from "./types";

type Props = {
  initialJobs: JobView[];
  /** Only this pipeline's jobs (`?kind=`). */
  kind?: string;
  limit?: number;
  /** Shown when there are no jobs. */
  empty?: ReactNode;
  caption?: string;
};

const FAST_MS = 2_000;
const SLOW_MS = 15_000;

/**
 * The workspace's latest jobs, refreshed every 2 s while any is queued or running and every 15 s
 * otherwise (new jobs may arrive from the API); paused while the tab is hidden.
 */
export function RecentJobs({ initialJobs, kind, limit = 20, empty, caption = "Recent jobs" }: Props) {
  const [jobs, setJobs] = useState(initialJobs);
  const [stale, setStale] = useState(false);
  const anyActive = jobs.some((j) => isActive(j.status));

  usePolling(
    async (signal) => {
      const query = new URLSearchParams({ limit: String(limit), ...(kind ? { kind } : {}) });
      try {
        const page = await api<{ data: JobView[] }>(`/api/v1/jobs?${query}`, { signal });
        setJobs(page.data);
        setStale(false);
      } catch (error) {
        if ((error as Error).name !== "AbortError") setStale(true);
        throw error;
      }
    },
    () => (anyActive ? FAST_MS : SLOW_MS),
    [kind, limit, anyActive],
  );

  return (
    <div data-testid="recent-jobs">
      <p aria-live="polite" className={stale ? "mb-2 text-xs text-amber-800" : "sr-only"}>
        {stale ? "Could not refresh the list; retrying…" : ""}
      </p>
      {jobs.length === 0 ? (
        (empty ?? <EmptyState title="No jobs yet" description="Jobs you start from a pipeline or through the API appear here, with their progress updating live." />)
      ) : (
        <JobsTable jobs={jobs} caption={caption} />
      )}
    </div>
  );
}
