"use client";

import { JobDownloadButton } from "@/app/_components/jobs/download-button";
import { JobErrorBox } from "@/app/_components/jobs/error-box";
import { JobProgress } from "@/app/_components/jobs/progress-bar";
import { StatusBadge } from "@/app/_components/ui/status-badge";
import type { JobEventView, JobView } from "@/app/_components/jobs/types";
import { useLiveJob } from "@/app/_components/jobs/use-live-job";
import { Alert } from "@/app/_components/ui/alert";
import { ButtonLink } from "@/app/_components/ui/button";
import { Card } from "@/app/_components/ui/page-header";
import { LOGBOOK_STAGES } from "@/lib/logbook/stages";
import { LogbookData } from "./logbook-data";

const STAGES = LOGBOOK_STAGES.map((s) => ({ id: s.name, label: s.label }));

function stageState(job: JobView, index: number): "done" | "active" | "failed" | "pending" {
  if (job.status === "succeeded") return "done";
  const current = STAGES.findIndex((s) => s.id === job.stage);
  if (current < 0 || index > current) return "pending";
  if (index < current) return "done";
  return job.status === "failed" || job.status === "canceled" ? "failed" : "active";
}

const DOT = { done: "bg-emerald-600", active: "bg-indigo-600 animate-pulse", failed: "bg-red-600", pending: "bg-slate-300" };

type Props = { initialJob: JobView; initialEvents: JobEventView[]; title: string; sourceId: string | null; explanations: Record<string, string> };

/** One sync, live: the five stages, progress, then the CSV, pyramids and ticks (or the error, explained). */
export function LogbookJob({ initialJob, initialEvents, title, sourceId, explanations }: Props) {
  const { job, events } = useLiveJob(initialJob, initialEvents, { intervalMs: 1000 });
  const latest = events.at(-1);
  const live = job.status === "running" && latest?.status === "running" ? latest : null;
  return (
    <div className="space-y-6" data-testid="logbook-job" data-job-status={job.status}>
      <Card
        title={
          <span className="flex flex-wrap items-center gap-2">
            <span className="break-all">{title}</span> <StatusBadge status={job.status} />
          </span>
        }
        actions={
          <ButtonLink href="/logbook" variant="secondary" size="sm">
            Connect another
          </ButtonLink>
        }
      >
        <div className="space-y-5">
          <ol className="flex flex-wrap gap-4" aria-label="Stages">
            {STAGES.map((s, i) => {
              const state = stageState(job, i);
              return (
                <li key={s.id} className="flex items-center gap-2 text-sm" data-testid={`stage-${s.id}`} data-state={state}>
                  <span className={`inline-block size-2.5 rounded-full ${DOT[state]}`} aria-hidden="true" />
                  <span>{s.label}</span>
                  <span className="sr-only">({state})</span>
                </li>
              );
            })}
          </ol>
          <JobProgress
            status={job.status}
            stage={job.status === "succeeded" ? null : (live?.stage ?? job.stage)}
            progress={live?.progress ?? job.progress}
            message={job.error ? null : (live?.message ?? job.message)}
            label="Sync progress"
          />
          {job.error ? <JobErrorBox error={job.error} explanations={explanations} title="The sync failed" /> : null}
          {job.status === "succeeded" && job.message?.includes("Warning") ? <Alert tone="warning" title="Nothing imported">{job.message}</Alert> : null}
          {job.status === "succeeded" ? (
            <JobDownloadButton jobId={job.job_id} downloadUrl={job.download_url} expiredAt={job.expired_at} expiresAt={job.expires_at} label="Download CSV" />
          ) : null}
        </div>
      </Card>
      {job.status === "succeeded" && sourceId ? <LogbookData sourceId={sourceId} /> : null}
    </div>
  );
}
