import Link from "next/link";
import { humanize, shortId } from "../format";
import { type Column, DataTable } from "../ui/data-table";
import { StatusBadge } from "../ui/status-badge";
import { RelativeTime } from "../ui/time";
import { JobProgress } from "./progress-bar";
import type { JobView } from "./types";

const progress = (job: JobView) => (
  <JobProgress status={job.status} stage={job.stage} progress={job.progress} label={`Progress of job ${job.job_id}`} compact announce={false} />
);

const COLUMNS: Column<JobView>[] = [
  {
    header: "Job",
    cell: (job) => (
      <>
        <Link href={`/jobs/${job.job_id}`} className="font-medium text-indigo-700 hover:underline">
          {humanize(job.kind)}
        </Link>
        <div className="font-mono text-xs text-slate-600">{shortId(job.job_id)}</div>
      </>
    ),
  },
  { header: "Status", cell: (job) => <StatusBadge status={job.status} /> },
  { header: "Progress", className: "w-1/3", cell: progress },
  { header: "Created", className: "text-right whitespace-nowrap text-slate-600", cell: (job) => <RelativeTime value={job.created_at} /> },
];

/** A list of jobs linking to their pages. Progress rows are not announced (the job page does that). */
export function JobsTable({ jobs, caption = "Jobs" }: { jobs: JobView[]; caption?: string }) {
  return (
    <DataTable
      rows={jobs}
      rowKey={(job) => job.job_id}
      caption={caption}
      columns={COLUMNS}
      rowAttributes={(job) => ({ "data-testid": "job-row", "data-job-id": job.job_id, "data-status": job.status })}
      card={(job) => (
        <Link href={`/jobs/${job.job_id}`} className="block space-y-2 px-1 py-3 hover:bg-slate-50">
          <div className="flex items-center justify-between gap-2">
            <span className="font-medium text-slate-900">{humanize(job.kind)}</span>
            <StatusBadge status={job.status} />
          </div>
          {progress(job)}
          <div className="flex justify-between text-xs text-slate-600">
            <code className="font-mono">{shortId(job.job_id)}</code>
            <RelativeTime value={job.created_at} />
          </div>
        </Link>
      )}
    />
  );
}
