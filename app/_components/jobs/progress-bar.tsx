import { humanize, toPercent } from "../format";
import { statusLabel } from "@/app/_components/ui/status-badge";
import type { JobStatus } from "./types";

const BAR: Record<JobStatus, string> = {
  queued: "bg-slate-400",
  running: "bg-indigo-600",
  succeeded: "bg-emerald-600",
  failed: "bg-red-600",
  canceled: "bg-amber-500",
};

type Props = {
  status: JobStatus;
  stage?: string | null;
  /** 0..1 */
  progress: number;
  message?: string | null;
  /** Accessible name of the bar. */
  label?: string;
  /** Smaller, without the message (tables). */
  compact?: boolean;
  /** Announce status and stage changes to screen readers (leave on for the one main job view). */
  announce?: boolean;
};

/** A finished job says how it ended; a failed one also where, so the bar never reads "Writing 100%". */
function describeStage(status: JobStatus, stage: string | null): string {
  if (status === "succeeded" || status === "canceled") return statusLabel(status);
  if (status === "failed") return stage && stage !== "failed" ? `Failed while ${humanize(stage).toLowerCase()}` : statusLabel(status);
  if (stage) return humanize(stage);
  return status === "queued" ? "Waiting to start" : statusLabel(status);
}

/**
 * Progress bar with the stage name and percentage. Screen readers hear status and stage changes
 * (not every percent) through a polite live region.
 */
export function JobProgress({ status, stage, progress, message, label = "Job progress", compact = false, announce = true }: Props) {
  const percent = status === "succeeded" ? 100 : toPercent(progress);
  const stageText = describeStage(status, stage ?? null);
  return (
    <div className={compact ? "min-w-28" : ""}>
      <div className={`flex items-baseline justify-between gap-3 ${compact ? "text-xs" : "text-sm"}`}>
        <span className="truncate font-medium text-slate-800" data-testid="job-stage">
          {stageText}
        </span>
        <span className="shrink-0 tabular-nums text-slate-700" data-testid="job-percent">
          {percent}%
        </span>
      </div>
      <div
        role="progressbar"
        aria-label={label}
        aria-valuemin={0}
        aria-valuemax={100}
        aria-valuenow={percent}
        aria-valuetext={`${percent}% – ${stageText}`}
        className={`mt-1 w-full overflow-hidden rounded-full bg-slate-200 ${compact ? "h-1.5" : "h-2.5"}`}
      >
        <div className={`h-full rounded-full transition-[width] duration-500 ease-out ${BAR[status]}`} style={{ width: `${percent}%` }} />
      </div>
      {!compact && message ? <p className="mt-2 text-sm text-slate-700">{message}</p> : null}
      {announce ? (
        <p aria-live="polite" className="sr-only">
          {`Status: ${statusLabel(status)}. ${stage ? `Stage: ${humanize(stage)}.` : ""}`}
        </p>
      ) : null}
    </div>
  );
}
