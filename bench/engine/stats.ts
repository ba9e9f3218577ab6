import type { DoneMark, StepMark } from "./recorder";

export function percentile(values: number[], p: number): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const rank = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[rank];
}

export function median(values: (number | null)[]): number | null {
  return percentile(values.filter((v): v is number => v !== null), 50);
}

export const round = (v: number | null, digits = 2) => (v === null ? null : Number(v.toFixed(digits)));

/** A run's steps by index (the last execution wins if a step ran twice). */
export function stepsByRun(marks: StepMark[]): Map<string, StepMark[]> {
  const out = new Map<string, StepMark[]>();
  for (const m of marks) {
    const list = out.get(m.token) ?? [];
    list[m.step] = m;
    out.set(m.token, list);
  }
  return out;
}

/**
 * Inter-step gaps: from a step's code returning to the next step's code starting, in the same run.
 * Everything a durable system adds per step lives here: persisting the result, dispatching the
 * next step, and (Conveyor) the HTTP round trip with the SDK's replay of earlier steps.
 */
export function gaps(byRun: Map<string, StepMark[]>): number[] {
  const out: number[] = [];
  for (const steps of byRun.values()) {
    for (let i = 1; i < steps.length; i++) if (steps[i] && steps[i - 1]) out.push(steps[i].start - steps[i - 1].end);
  }
  return out;
}

export type LatencySample = { token: string; sentAt: number; doneAt: number };

/** Per run: event/job submitted -> first step starts; submitted -> done; (total - step work) / steps. */
export function latencyBreakdown(samples: LatencySample[], byRun: Map<string, StepMark[]>, shape: number) {
  const firstStep: number[] = [];
  const total: number[] = [];
  const perStep: number[] = [];
  for (const s of samples) {
    const steps = byRun.get(s.token) ?? [];
    if (steps[0]) firstStep.push(steps[0].start - s.sentAt);
    total.push(s.doneAt - s.sentAt);
    const work = steps.reduce((sum, m) => sum + (m ? m.end - m.start : 0), 0);
    perStep.push((s.doneAt - s.sentAt - work) / shape);
  }
  return { firstStep, total, perStep };
}

export function lastDone(done: DoneMark[]): number {
  return done.reduce((max, d) => Math.max(max, d.at), 0);
}
