import { buttonClasses } from "../ui/button";
import { DateTime } from "../ui/time";

type Props = {
  jobId: string;
  /** From the job response; absent while there is no result to download. */
  downloadUrl?: string | null;
  /** Set when retention removed the result. */
  expiredAt?: string | null;
  /** When retention will remove it. */
  expiresAt?: string | null;
  label?: string;
};

/**
 * Downloads a job's result (`/api/v1/jobs/{id}/result`, with the session cookie). Shows the expired
 * state instead once retention has deleted the result; renders nothing while there is none yet.
 */
export function JobDownloadButton({ jobId, downloadUrl, expiredAt, expiresAt, label = "Download result" }: Props) {
  if (expiredAt && !downloadUrl) {
    return (
      <div className="rounded-md border border-slate-200 bg-slate-50 px-3 py-2 text-sm text-slate-700" data-testid="result-expired">
        <p className="font-medium text-slate-900">Result expired</p>
        <p>
          The result was deleted on <DateTime value={expiredAt} /> when its retention period ended. Run the job again to get a new one.
        </p>
      </div>
    );
  }
  if (!downloadUrl) return null;
  const href = `/api/v1/jobs/${encodeURIComponent(jobId)}/result`;
  return (
    <div className="flex flex-col gap-1 sm:items-start">
      <a href={href} download className={buttonClasses("primary", "md")}>
        <svg viewBox="0 0 20 20" fill="currentColor" className="size-4" aria-hidden="true">
          <path d="M10.75 2.75a.75.75 0 0 0-1.5 0v8.614L6.295 8.235a.75.75 0 1 0-1.09 1.03l4.25 4.5a.75.75 0 0 0 1.09 0l4.25-4.5a.75.75 0 0 0-1.09-1.03l-2.955 3.129V2.75Z" />
          <path d="M3.5 12.75a.75.75 0 0 0-1.5 0v2.5A2.75 2.75 0 0 0 4.75 18h10.5A2.75 2.75 0 0 0 18 15.25v-2.5a.75.75 0 0 0-1.5 0v2.5c0 .69-.56 1.25-1.25 1.25H4.75c-.69 0-1.25-.56-1.25-1.25v-2.5Z" />
        </svg>
        {label}
      </a>
      {expiresAt ? (
        <p className="text-xs text-slate-600">
          Available until <DateTime value={expiresAt} />
        </p>
      ) : null}
    </div>
  );
}
