type Tone = { badge: string; dot: string };

const TONES = {
  neutral: { badge: "bg-slate-100 text-slate-700 ring-slate-300", dot: "bg-slate-500" },
  active: { badge: "bg-indigo-50 text-indigo-800 ring-indigo-200", dot: "bg-indigo-600 animate-pulse" },
  paused: { badge: "bg-sky-50 text-sky-800 ring-sky-200", dot: "bg-sky-600" },
  good: { badge: "bg-emerald-50 text-emerald-800 ring-emerald-200", dot: "bg-emerald-600" },
  bad: { badge: "bg-red-50 text-red-800 ring-red-200", dot: "bg-red-600" },
  stopped: { badge: "bg-amber-50 text-amber-900 ring-amber-200", dot: "bg-amber-600" },
} satisfies Record<string, Tone>;

/**
 * Every status the app shows, jobs' and runs' alike, with one label each. Runs report Inngest's
 * `cancelled`; people read one spelling, "Canceled", wherever it appears.
 */
const STATUSES: Record<string, { label: string; tone: keyof typeof TONES }> = {
  queued: { label: "Queued", tone: "neutral" },
  running: { label: "Running", tone: "active" },
  sleeping: { label: "Sleeping", tone: "paused" },
  waiting: { label: "Waiting", tone: "paused" },
  invoking: { label: "Invoking", tone: "active" },
  succeeded: { label: "Succeeded", tone: "good" },
  completed: { label: "Completed", tone: "good" },
  failed: { label: "Failed", tone: "bad" },
  canceled: { label: "Canceled", tone: "stopped" },
  cancelled: { label: "Canceled", tone: "stopped" },
  skipped: { label: "Skipped", tone: "neutral" },
  // Relay jobs (the n8n workflow's own words).
  processing: { label: "Processing", tone: "active" },
  success: { label: "Success", tone: "good" },
  failure: { label: "Failure", tone: "bad" },
  // A contracts aggregation run that finished with some regions or contracts in error.
  partial: { label: "Partial", tone: "stopped" },
};

export function statusLabel(status: string): string {
  return STATUSES[status]?.label ?? status.charAt(0).toUpperCase() + status.slice(1);
}

/** A job's, run's or step's status as a pill; the text carries the meaning, colour only reinforces it. */
export function StatusBadge({ status, className = "" }: { status: string; className?: string }) {
  const tone = TONES[STATUSES[status]?.tone ?? "neutral"];
  return (
    <span data-status={status} className={`inline-flex items-center gap-1.5 rounded-full px-2 py-0.5 text-xs font-medium whitespace-nowrap ring-1 ring-inset ${tone.badge} ${className}`}>
      <span className={`size-1.5 rounded-full ${tone.dot}`} aria-hidden="true" />
      {statusLabel(status)}
    </span>
  );
}
