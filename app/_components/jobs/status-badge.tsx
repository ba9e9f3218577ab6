import type { JobStatus } from "./types";

const STYLES: Record<JobStatus, { label: string; badge: string; dot: string }> = {
  queued: { label: "Queued", badge: "bg-slate-100 text-slate-700 ring-slate-300", dot: "bg-slate-500" },
  running: { label: "Running", badge: "bg-indigo-50 text-indigo-800 ring-indigo-200", dot: "bg-indigo-600 animate-pulse" },
  succeeded: { label: "Succeeded", badge: "bg-emerald-50 text-emerald-800 ring-emerald-200", dot: "bg-emerald-600" },
  failed: { label: "Failed", badge: "bg-red-50 text-red-800 ring-red-200", dot: "bg-red-600" },
  canceled: { label: "Canceled", badge: "bg-amber-50 text-amber-900 ring-amber-200", dot: "bg-amber-600" },
};

export function statusLabel(status: JobStatus): string {
  return STYLES[status]?.label ?? status;
}

/** A job's status as a coloured pill; the text carries the meaning, colour only reinforces it. */
export function JobStatusBadge({ status, className = "" }: { status: JobStatus; className?: string }) {
  const style = STYLES[status] ?? STYLES.queued;
  return (
    <span data-status={status} className={`inline-flex items-center gap-1.5 rounded-full px-2 py-0.5 text-xs font-medium ring-1 ring-inset ${style.badge} ${className}`}>
      <span className={`size-1.5 rounded-full ${style.dot}`} aria-hidden="true" />
      {style.label}
    </span>
  );
}
