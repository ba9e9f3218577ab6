import { humanize, toPercent } from "../format";
import { TimeOfDay } from "../ui/time";
import type { JobEventView, JobStatus } from "./types";

const DOT: Record<JobStatus, string> = {
  queued: "bg-slate-400",
  running: "bg-indigo-600",
  succeeded: "bg-emerald-600",
  failed: "bg-red-600",
  canceled: "bg-amber-500",
};

/** "job.stage_changed" -> "Stage changed"; the area prefix says nothing to a reader. */
function eventTitle(type: string): string {
  return humanize(type.includes(".") ? type.slice(type.lastIndexOf(".") + 1) : type);
}

/**
 * A job's events, oldest first: time, what happened, stage, progress and message. Each row keeps
 * the raw event type for people who script against the API.
 */
export function JobTimeline({ events, emptyText = "No events yet." }: { events: JobEventView[]; emptyText?: string }) {
  if (events.length === 0) return <p className="text-sm text-slate-600">{emptyText}</p>;
  return (
    <ol className="relative space-y-0" aria-label="Job timeline" data-testid="job-timeline">
      {events.map((event, i) => (
        <li key={event.id} className="relative flex gap-3 pb-4 last:pb-0">
          {i < events.length - 1 ? <span className="absolute top-4 left-[5px] h-full w-px bg-slate-200" aria-hidden="true" /> : null}
          <span className={`relative mt-1.5 size-2.5 shrink-0 rounded-full ring-4 ring-white ${DOT[event.status] ?? DOT.queued}`} aria-hidden="true" />
          <div className="min-w-0 flex-1">
            <div className="flex flex-wrap items-baseline gap-x-3 gap-y-0.5">
              <span className="text-sm font-medium text-slate-900">{eventTitle(event.type)}</span>
              {eventTitle(event.type).toLowerCase() !== event.type.toLowerCase() ? <code className="font-mono text-xs text-slate-600">{event.type}</code> : null}
              <TimeOfDay value={event.created_at} className="ml-auto text-xs tabular-nums text-slate-600" />
            </div>
            <p className="mt-0.5 text-xs text-slate-600">
              {event.stage ? <span>Stage: {humanize(event.stage)} · </span> : null}
              <span className="tabular-nums">{toPercent(event.progress)}%</span>
            </p>
            {event.message ? <p className="mt-1 text-sm break-words text-slate-700">{event.message}</p> : null}
          </div>
        </li>
      ))}
    </ol>
  );
}
