import Link from "next/link";
import { humanize, shortId } from "../format";
import { RelativeTime } from "../ui/time";
import { JobProgress } from "./progress-bar";
import { JobStatusBadge } from "./status-badge";
import type { JobView } from "./types";

/**
 * A list of jobs linking to their pages: a table from the `sm` breakpoint, stacked cards on
 * phones. Progress rows are not announced (the job page does that).
 */
export function JobsTable({ jobs, caption = "Jobs" }: { jobs: JobView[]; caption?: string }) {
  return (
    <>
      <ul className="divide-y divide-slate-200 sm:hidden" aria-label={caption}>
        {jobs.map((job) => (
          <li key={job.job_id} data-testid="job-row" data-job-id={job.job_id} data-status={job.status}>
            <Link href={`/jobs/${job.job_id}`} className="block space-y-2 px-1 py-3 hover:bg-slate-50">
              <div className="flex items-center justify-between gap-2">
                <span className="font-medium text-slate-900">{humanize(job.kind)}</span>
                <JobStatusBadge status={job.status} />
              </div>
              <JobProgress status={job.status} stage={job.stage} progress={job.progress} label={`Progress of job ${job.job_id}`} compact announce={false} />
              <div className="flex justify-between text-xs text-slate-600">
                <code className="font-mono">{shortId(job.job_id)}</code>
                <RelativeTime value={job.created_at} />
              </div>
            </Link>
          </li>
        ))}
      </ul>
      <table className="hidden w-full text-left text-sm sm:table">
        <caption className="sr-only">{caption}</caption>
        <thead className="border-b border-slate-200 text-xs tracking-wide text-slate-600 uppercase">
          <tr>
            <th scope="col" className="py-2 pr-3 font-medium">Job</th>
            <th scope="col" className="px-3 py-2 font-medium">Status</th>
            <th scope="col" className="w-1/3 px-3 py-2 font-medium">Progress</th>
            <th scope="col" className="py-2 pl-3 text-right font-medium">Created</th>
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100">
          {jobs.map((job) => (
            <tr key={job.job_id} className="hover:bg-slate-50" data-testid="job-row" data-job-id={job.job_id} data-status={job.status}>
              <td className="py-3 pr-3">
                <Link href={`/jobs/${job.job_id}`} className="font-medium text-indigo-700 hover:underline">
                  {humanize(job.kind)}
                </Link>
                <div className="font-mono text-xs text-slate-600">{shortId(job.job_id)}</div>
              </td>
              <td className="px-3 py-3">
                <JobStatusBadge status={job.status} />
              </td>
              <td className="px-3 py-3">
                <JobProgress status={job.status} stage={job.stage} progress={job.progress} label={`Progress of job ${job.job_id}`} compact announce={false} />
              </td>
              <td className="py-3 pl-3 text-right whitespace-nowrap text-slate-600">
                <RelativeTime value={job.created_at} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </>
  );
}
