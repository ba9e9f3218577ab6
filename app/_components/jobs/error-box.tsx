import { humanize } from "../format";
import { explainError } from "./error-explanations";

type Props = {
  error: { type: string; detail?: string | null };
  /** Pipeline-specific explanations by error type; they win over the shared ones. */
  explanations?: Record<string, string>;
  title?: string;
};

/**
 * Why a job failed: the machine-readable error type, a plain explanation of what to do, and the
 * detail the pipeline recorded. role="alert" so it is announced when a watched job fails.
 */
export function JobErrorBox({ error, explanations, title = "This job failed" }: Props) {
  const readable = humanize(error.type.replace(/Error$/, ""));
  return (
    <div role="alert" className="rounded-lg border border-red-200 bg-red-50 p-4" data-testid="job-error">
      <div className="flex items-start gap-3">
        <svg viewBox="0 0 20 20" fill="currentColor" className="mt-0.5 size-5 shrink-0 text-red-600" aria-hidden="true">
          <path fillRule="evenodd" d="M18 10a8 8 0 1 1-16 0 8 8 0 0 1 16 0Zm-8-5a.75.75 0 0 1 .75.75v4.5a.75.75 0 0 1-1.5 0v-4.5A.75.75 0 0 1 10 5Zm0 10a1 1 0 1 0 0-2 1 1 0 0 0 0 2Z" clipRule="evenodd" />
        </svg>
        <div className="min-w-0 flex-1">
          <h3 className="text-sm font-semibold text-red-900">
            {title}: {readable}
          </h3>
          <p className="mt-1 text-sm text-red-900">{explainError(error.type, explanations)}</p>
          <dl className="mt-3 space-y-2 text-sm">
            <div>
              <dt className="text-xs font-medium tracking-wide text-red-800 uppercase">Error type</dt>
              <dd>
                <code className="rounded bg-white/70 px-1.5 py-0.5 font-mono text-xs text-red-900 ring-1 ring-red-200">{error.type}</code>
              </dd>
            </div>
            {error.detail ? (
              <div>
                <dt className="text-xs font-medium tracking-wide text-red-800 uppercase">Detail</dt>
                <dd className="mt-0.5 font-mono text-xs break-words whitespace-pre-wrap text-red-900">{error.detail}</dd>
              </div>
            ) : null}
          </dl>
        </div>
      </div>
    </div>
  );
}
