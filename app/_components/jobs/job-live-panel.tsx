"use client";

import type { ReactNode } from "react";
import { formatDuration, humanize } from "../format";
import { Alert } from "../ui/alert";
import { Card } from "../ui/page-header";
import { CopyButton } from "../ui/copy-button";
import { DateTime, RelativeTime } from "../ui/time";
import { JobDownloadButton } from "./download-button";
import { JobErrorBox } from "./error-box";
import { JobProgress } from "./progress-bar";
import { StatusBadge } from "@/app/_components/ui/status-badge";
import { JobTimeline } from "./timeline";
import type { JobEventView, JobView } from "./types";
import { useLiveJob, type LiveState } from "./use-live-job";

type Props = {
  initialJob: JobView;
  initialEvents: JobEventView[];
  /** The server render got only the first page of events; the rest are fetched at once. */
  initialHasMore?: boolean;
  /** Pipeline-specific error explanations (see JobErrorBox). */
  explanations?: Record<string, string>;
  /** Extra content under the progress (a pipeline's result summary). */
  children?: ReactNode;
  /** Hide the timeline when embedding a compact view. */
  showTimeline?: boolean;
  downloadLabel?: string;
};

function LiveIndicator({ state }: { state: LiveState }) {
  if (state === "live")
    return (
      <span className="inline-flex items-center gap-1.5 text-xs text-slate-600">
        <span className="size-1.5 animate-pulse rounded-full bg-emerald-500" aria-hidden="true" />
        Updating live
      </span>
    );
  if (state === "reconnecting") return <span className="text-xs text-amber-800">Connection lost, retrying…</span>;
  return null;
}

function Details({ job }: { job: JobView }) {
  const ran = job.started_at && job.finished_at ? new Date(job.finished_at).getTime() - new Date(job.started_at).getTime() : null;
  const row = (term: string, value: ReactNode) => (
    <div className="py-2 first:pt-0 last:pb-0">
      <dt className="text-xs font-medium tracking-wide text-slate-600 uppercase">{term}</dt>
      <dd className="mt-0.5 text-sm text-slate-900">{value}</dd>
    </div>
  );
  return (
    <dl className="divide-y divide-slate-100">
      {row(
        "Job ID",
        // Wrap the button under the id rather than breaking the id across lines.
        <span className="flex flex-wrap items-center justify-between gap-x-2 gap-y-1">
          <code className="font-mono text-xs whitespace-nowrap">{job.job_id}</code>
          <CopyButton value={job.job_id} variant="ghost" accessibleName="Copy job ID" />
        </span>,
      )}
      {row("Kind", humanize(job.kind))}
      {row("Created", <DateTime value={job.created_at} seconds />)}
      {job.started_at ? row("Started", <DateTime value={job.started_at} seconds />) : null}
      {job.finished_at ? row("Finished", <DateTime value={job.finished_at} seconds />) : null}
      {ran != null ? row("Duration", formatDuration(ran)) : null}
      {row("Last update", <RelativeTime value={job.updated_at} />)}
    </dl>
  );
}

/**
 * Everything about one job, kept live: status, progress with stage, message, error box, download
 * and timeline. Embeddable by any pipeline page that has a job id.
 */
export function JobLivePanel({ initialJob, initialEvents, initialHasMore, explanations, children, showTimeline = true, downloadLabel }: Props) {
  const { job, events, state } = useLiveJob(initialJob, initialEvents, { initialHasMore });
  return (
    <div className="grid gap-6 lg:grid-cols-3" data-testid="job-panel" data-job-status={job.status}>
      <div className="space-y-6 lg:col-span-2">
        {state === "gone" ? <Alert tone="warning" title="This job no longer exists">It was deleted, perhaps from another tab or through the API.</Alert> : null}
        <Card
          title={
            <span className="flex items-center gap-2">
              Status <StatusBadge status={job.status} />
            </span>
          }
          actions={<LiveIndicator state={state} />}
        >
          <JobProgress status={job.status} stage={job.stage} progress={job.progress} message={job.error && job.message === job.error.detail ? null : job.message} />
          {job.error ? (
            <div className="mt-4">
              <JobErrorBox error={job.error} explanations={explanations} />
            </div>
          ) : null}
          {job.download_url || job.expired_at ? (
            <div className="mt-4">
              <JobDownloadButton jobId={job.job_id} downloadUrl={job.download_url} expiredAt={job.expired_at} expiresAt={job.expires_at} label={downloadLabel} />
            </div>
          ) : null}
          {children ? <div className="mt-4">{children}</div> : null}
        </Card>
        {showTimeline ? (
          <Card title="Timeline" description="Every change to this job, oldest first." id="timeline">
            <JobTimeline events={events} />
          </Card>
        ) : null}
      </div>
      <Card title="Details" className="h-fit">
        <Details job={job} />
      </Card>
    </div>
  );
}
