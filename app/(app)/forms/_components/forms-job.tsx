"use client";

import Link from "next/link";
import { useEffect, useState } from "react";
import { api, errorMessage } from "@/app/_components/api";
import { JobDownloadButton } from "@/app/_components/jobs/download-button";
import { JobErrorBox } from "@/app/_components/jobs/error-box";
import { JobProgress } from "@/app/_components/jobs/progress-bar";
import { StatusBadge } from "@/app/_components/ui/status-badge";
import { isExpired, type JobEventView, type JobView } from "@/app/_components/jobs/types";
import { useLiveJob } from "@/app/_components/jobs/use-live-job";
import { Alert } from "@/app/_components/ui/alert";
import { ButtonLink } from "@/app/_components/ui/button";
import { Card } from "@/app/_components/ui/page-header";
import { FieldsPreview } from "./fields-preview";
import { FieldsReview } from "./fields-review";
import { StageSteps } from "./stage-steps";
import { FIELD_STYLE, FIELD_TYPES, type FieldsView, type FormsLimits } from "./types";

/** What became of the latest edit: rebuilt, or failed with the previous PDF kept. */
function LastEdit({ edit }: { edit: NonNullable<FieldsView["last_edit"]> }) {
  const summary = `${edit.added} added, ${edit.removed} removed, ${edit.changed} changed`;
  if (edit.status === "applied")
    return (
      <div data-testid="forms-last-edit" data-status="applied">
        <Alert tone="success" title="Rebuilt with your edits">
          The download is the PDF rebuilt from the edited fields ({summary}).
        </Alert>
      </div>
    );
  if (edit.status === "failed")
    return (
      <div data-testid="forms-last-edit" data-status="failed">
        <Alert tone="error" title="The rebuild failed">
          Your edit ({summary}) could not be applied{edit.error ? `: ${edit.error.detail}` : ""}. The download is still the previous PDF; edit and save again to retry.
        </Alert>
      </div>
    );
  return null;
}

type Props = { initialJob: JobView; initialEvents: JobEventView[]; filename: string; limits: FormsLimits };

function useFields(job: JobView): { fields: FieldsView | null; error: string | null } {
  const [fields, setFields] = useState<FieldsView | null>(null);
  const [error, setError] = useState<string | null>(null);
  const ready = job.status === "succeeded" && !isExpired(job);
  // A rebuilt job succeeds again with a new finish time: its fields are read again.
  const version = job.finished_at ?? "";
  useEffect(() => {
    if (!ready) return;
    const controller = new AbortController();
    api<FieldsView>(`/api/v1/forms/${encodeURIComponent(job.job_id)}/fields`, { signal: controller.signal }).then(setFields, (e) => {
      if ((e as Error).name !== "AbortError") setError(errorMessage(e));
    });
    return () => controller.abort();
  }, [ready, job.job_id, version]);
  return { fields, error };
}

/** One forms job, live: the stages with page counts, then the summary, download and previews (or the error). */
export function FormsJob({ initialJob, initialEvents, filename, limits }: Props) {
  const { job, events, state, track } = useLiveJob(initialJob, initialEvents, { intervalMs: 1000 });
  const [reviewing, setReviewing] = useState(false);
  const { fields, error } = useFields(job);
  const expired = isExpired(job);
  // Events are read after the job on each poll, so while it runs the newest event is the freshest word.
  const latest = events.at(-1);
  const live = job.status === "running" && latest?.status === "running" ? latest : null;
  return (
    <div className="space-y-6" data-testid="forms-job" data-job-status={job.status}>
      <Card
        title={
          <span className="flex flex-wrap items-center gap-2">
            <span className="break-all">{filename}</span> <StatusBadge status={job.status} />
          </span>
        }
        actions={
          <div className="flex gap-2">
            <ButtonLink href={`/jobs/${encodeURIComponent(job.job_id)}`} variant="ghost" size="sm">
              Job details
            </ButtonLink>
            <ButtonLink href="/forms" variant="secondary" size="sm" data-testid="forms-start-over">
              Start over
            </ButtonLink>
          </div>
        }
      >
        {state === "gone" ? (
          <Alert tone="warning" title="This job no longer exists">
            It was deleted, perhaps from another tab or through the API. <Link href="/forms" className="underline">Upload a new file</Link>.
          </Alert>
        ) : (
          <div className="space-y-5">
            <StageSteps job={job} events={events} />
            <JobProgress
              status={job.status}
              stage={job.status === "succeeded" ? null : (live?.stage ?? job.stage)}
              progress={live?.progress ?? job.progress}
              message={job.error ? null : (live?.message ?? job.message)}
              label="Processing progress"
            />
            {job.error ? <JobErrorBox error={job.error} explanations={limits.explanations} /> : null}
            {job.status === "succeeded" ? (
              <div className="flex flex-col gap-4 sm:flex-row sm:items-start sm:justify-between">
                <JobDownloadButton jobId={job.job_id} downloadUrl={job.download_url} expiredAt={job.expired_at} expiresAt={job.expires_at} label="Download fillable PDF" />
                {fields ? (
                  <dl className="flex gap-4 text-sm" data-testid="forms-counts">
                    {FIELD_TYPES.map((t) => (
                      <div key={t}>
                        <dt className="text-xs text-slate-600">{FIELD_STYLE[t].label} fields</dt>
                        <dd className="text-lg font-semibold tabular-nums text-slate-900">{fields.counts[t]}</dd>
                      </div>
                    ))}
                  </dl>
                ) : null}
              </div>
            ) : null}
            {job.status === "canceled" ? <Alert tone="warning" title="Canceled">The job was canceled before it finished; its files were removed.</Alert> : null}
          </div>
        )}
      </Card>
      {expired ? (
        <p className="text-sm text-slate-600" data-testid="forms-expired">
          The previews and the detected fields were deleted with the result when the retention period ended. Upload the file again to see them.
        </p>
      ) : null}
      {error ? <Alert tone="error" title="The detected fields could not be loaded">{error}</Alert> : null}
      {fields?.last_edit && job.status === "succeeded" ? <LastEdit edit={fields.last_edit} /> : null}
      {fields && reviewing && job.status === "succeeded" ? (
        <FieldsReview
          jobId={job.job_id}
          fields={fields}
          onCancel={() => setReviewing(false)}
          onSaved={(accepted) => {
            setReviewing(false);
            track({ ...job, status: accepted.status, stage: accepted.stage, download_url: undefined, message: "Rebuilding the PDF from the edited fields" });
          }}
        />
      ) : fields ? (
        <FieldsPreview fields={fields} onReview={job.status === "succeeded" ? () => setReviewing(true) : undefined} />
      ) : null}
    </div>
  );
}
