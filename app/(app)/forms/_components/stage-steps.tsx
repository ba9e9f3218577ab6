import type { JobEventView, JobView } from "@/app/_components/jobs/types";
import { FORMS_STAGES } from "@/lib/forms/stages";

/** The stages as the page shows them: the pipeline's own list (lib/forms/stages.ts), never a copy. */
export const STAGES = FORMS_STAGES.map((s) => ({ id: s.name, label: s.label }));

type StepState = "done" | "active" | "failed" | "pending";

function stateOf(job: JobView, index: number): StepState {
  if (job.status === "succeeded") return "done";
  const current = STAGES.findIndex((s) => s.id === job.stage);
  if (current < 0) return "pending";
  if (index < current) return "done";
  if (index > current) return "pending";
  return job.status === "failed" || job.status === "canceled" ? "failed" : job.status === "running" ? "active" : "pending";
}

/** "Page 3 of 12" for the current stage, from the latest progress event that counted pages. */
export function pageCount(job: JobView, events: JobEventView[]): { page: number; of: number } | null {
  for (let i = events.length - 1; i >= 0; i--) {
    const e = events[i];
    if (e.stage !== job.stage) break;
    const page = e.data?.page;
    const of = e.data?.page_count;
    if (typeof page === "number" && typeof of === "number") return { page, of };
  }
  return null;
}

const DOT: Record<StepState, string> = {
  done: "bg-emerald-600 text-white",
  active: "bg-indigo-600 text-white animate-pulse",
  failed: "bg-red-600 text-white",
  pending: "bg-white text-slate-500 ring-1 ring-slate-300",
};

/** The four stages in order, each done, running, failed or still to come. */
export function StageSteps({ job, events }: { job: JobView; events: JobEventView[] }) {
  const count = pageCount(job, events);
  return (
    <ol className="grid gap-3 sm:grid-cols-4" aria-label="Stages" data-testid="forms-stages">
      {STAGES.map((stage, index) => {
        const state = stateOf(job, index);
        return (
          <li key={stage.id} className="flex items-center gap-2" data-testid={`forms-stage-${stage.id}`} data-state={state}>
            <span className={`flex size-6 shrink-0 items-center justify-center rounded-full text-xs font-semibold ${DOT[state]}`} aria-hidden="true">
              {state === "done" ? "✓" : state === "failed" ? "!" : index + 1}
            </span>
            <span className="min-w-0 text-sm">
              <span className={`block font-medium ${state === "pending" ? "text-slate-500" : "text-slate-900"}`}>{stage.label}</span>
              <span className="block text-xs text-slate-600">
                {state === "active" && count && stage.id !== "validating" ? (
                  <span data-testid="forms-page-count">
                    Page {count.page} of {count.of}
                  </span>
                ) : (
                  <span className="sr-only">{state}</span>
                )}
              </span>
            </span>
          </li>
        );
      })}
    </ol>
  );
}
