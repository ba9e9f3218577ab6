const STYLES: Record<string, { label: string; badge: string; dot: string }> = {
  queued: { label: "Queued", badge: "bg-slate-100 text-slate-700 ring-slate-300", dot: "bg-slate-500" },
  running: { label: "Running", badge: "bg-indigo-50 text-indigo-800 ring-indigo-200", dot: "bg-indigo-600 animate-pulse" },
  sleeping: { label: "Sleeping", badge: "bg-sky-50 text-sky-800 ring-sky-200", dot: "bg-sky-600" },
  waiting: { label: "Waiting", badge: "bg-sky-50 text-sky-800 ring-sky-200", dot: "bg-sky-600" },
  invoking: { label: "Invoking", badge: "bg-sky-50 text-sky-800 ring-sky-200", dot: "bg-sky-600 animate-pulse" },
  completed: { label: "Completed", badge: "bg-emerald-50 text-emerald-800 ring-emerald-200", dot: "bg-emerald-600" },
  failed: { label: "Failed", badge: "bg-red-50 text-red-800 ring-red-200", dot: "bg-red-600" },
  cancelled: { label: "Cancelled", badge: "bg-amber-50 text-amber-900 ring-amber-200", dot: "bg-amber-600" },
};

export function runStatusLabel(status: string): string {
  return STYLES[status]?.label ?? status;
}

/** A run's or step's status as a pill; the text carries the meaning, colour only reinforces it. */
export function RunStatusBadge({ status, className = "" }: { status: string; className?: string }) {
  const style = STYLES[status] ?? STYLES.queued;
  return (
    <span data-status={status} className={`inline-flex items-center gap-1.5 rounded-full px-2 py-0.5 text-xs font-medium whitespace-nowrap ring-1 ring-inset ${style.badge} ${className}`}>
      <span className={`size-1.5 rounded-full ${style.dot}`} aria-hidden="true" />
      {runStatusLabel(status)}
    </span>
  );
}
