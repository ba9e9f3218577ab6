"use client";

import { useRef, useState } from "react";
import { api, ApiError } from "../api";
import { usePolling } from "../hooks/use-polling";
import { isActive, type JobEventView, type JobView } from "./types";

export type LiveState = "live" | "idle" | "reconnecting" | "gone";

type EventPage = { data: JobEventView[]; has_more: boolean; next_after: string | null };

type Options = {
  intervalMs?: number;
  /** The server render got only the first page of events. */
  initialHasMore?: boolean;
};

/**
 * Keeps a job and its timeline fresh by polling the API while the job is queued or running
 * (paused while the tab is hidden), asking only for events newer than the last one seen. Stops
 * once the job has settled and the timeline is complete; `gone` when the job was deleted.
 */
export function useLiveJob(initialJob: JobView, initialEvents: JobEventView[], { intervalMs = 1500, initialHasMore = false }: Options = {}) {
  const [job, setJob] = useState(initialJob);
  const [events, setEvents] = useState(initialEvents);
  const [moreEvents, setMoreEvents] = useState(initialHasMore);
  const [state, setState] = useState<LiveState>(isActive(initialJob.status) ? "live" : "idle");
  const failures = useRef(0);
  const lastEventId = useRef<string | null>(initialEvents.length ? String(initialEvents[initialEvents.length - 1].id) : null);
  const id = initialJob.job_id;
  const polling = (isActive(job.status) || moreEvents) && state !== "gone";

  usePolling(
    async (signal) => {
      try {
        const path = `/api/v1/jobs/${encodeURIComponent(id)}`;
        const query = lastEventId.current ? `?after=${lastEventId.current}` : "";
        // Job first, then events: a change writes both at once, so events read afterwards always
        // include the one that settled the job, and the timeline is complete when polling stops.
        const nextJob = await api<JobView>(path, { signal });
        const page = await api<EventPage>(`${path}/events${query}`, { signal });
        failures.current = 0;
        setJob(nextJob);
        if (page.data.length) {
          lastEventId.current = String(page.data[page.data.length - 1].id);
          setEvents((old) => [...old, ...page.data]);
        }
        setMoreEvents(page.has_more);
        setState(isActive(nextJob.status) ? "live" : "idle");
      } catch (error) {
        if ((error as Error).name === "AbortError") return;
        if (error instanceof ApiError && error.status === 404) setState("gone");
        else {
          failures.current += 1;
          setState("reconnecting");
        }
      }
    },
    // Catch up on a long timeline at once; back off while the server is unreachable (up to 30 s).
    () => (!polling ? null : moreEvents && !isActive(job.status) ? 0 : Math.min(30_000, intervalMs * 2 ** failures.current)),
    [id, polling, intervalMs],
  );

  /** The job changed through another request (an edit reopened it): show it and poll again until it settles. */
  const track = (next: JobView) => {
    setJob(next);
    setState(isActive(next.status) ? "live" : "idle");
  };

  return { job, events, state, track };
}
