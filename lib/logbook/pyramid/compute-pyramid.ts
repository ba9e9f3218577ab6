import type { CleanTick } from "../ticks/types";
import { FONT_SCORES, FRENCH_SCORES, V_SCORES, YDS_SCORES } from "../grades/scale-table";

export type PyramidLevel = { grade: string; sends: number; attempts: number };
export type DisciplinePyramid = { discipline: string; system: string; top_grade: string | null; levels: PyramidLevel[] };

/** How many steps below the top grade a pyramid shows at most (at least four when the data has them). */
const MAX_LEVELS = 8;
const PREFERRED_ORDER = ["sport", "trad", "boulder"];

type Tickish = Pick<CleanTick, "discipline" | "send" | "grade">;

/**
 * A performance pyramid per discipline: the hardest clean send (in the source's own system), then
 * each grade step below it with its sends and non-send ticks (attempts, top-rope, follows...). Steps
 * the climber has no ticks at still appear between the top and the easiest step shown, so gaps show.
 * A discipline with no clean send starts at its hardest tick, with `top_grade` null.
 */
export function computePyramids(ticks: Tickish[]): DisciplinePyramid[] {
  const byDiscipline = new Map<string, Tickish[]>();
  for (const tick of ticks) {
    if (!tick.grade) continue;
    const list = byDiscipline.get(tick.discipline) ?? [];
    list.push(tick);
    byDiscipline.set(tick.discipline, list);
  }
  const order = (d: string) => (PREFERRED_ORDER.includes(d) ? PREFERRED_ORDER.indexOf(d) : PREFERRED_ORDER.length);
  return [...byDiscipline.entries()]
    .sort(([a], [b]) => order(a) - order(b) || a.localeCompare(b))
    .map(([discipline, list]) => pyramidOf(discipline, list));
}

function pyramidOf(discipline: string, ticks: Tickish[]): DisciplinePyramid {
  // The most used system of the discipline is the one it is shown in (a source writes one per discipline).
  const systems = new Map<string, number>();
  for (const t of ticks) systems.set(t.grade!.system, (systems.get(t.grade!.system) ?? 0) + 1);
  const system = [...systems.entries()].sort((a, b) => b[1] - a[1])[0][0];
  const inSystem = ticks.filter((t) => t.grade!.system === system);

  // One rank per step: the step's lowest rank seen, so `5.10b/c` and `5.10b` share 5.10b's place.
  const steps = new Map<string, { rank: number; sends: number; attempts: number }>();
  for (const t of inSystem) {
    const g = t.grade!;
    const step = steps.get(g.step) ?? { rank: g.rank, sends: 0, attempts: 0 };
    step.rank = Math.min(step.rank, g.rank);
    if (t.send) step.sends += 1;
    else step.attempts += 1;
    steps.set(g.step, step);
  }
  const ordered = [...steps.entries()].sort((a, b) => b[1].rank - a[1].rank);
  const topIndex = ordered.findIndex(([, s]) => s.sends > 0);
  const top = ordered[topIndex >= 0 ? topIndex : 0][0];
  const lowest = ordered[ordered.length - 1][0];
  const ladder = LADDERS[system];
  let names: string[];
  if (ladder && ladder.includes(top) && ladder.includes(lowest)) {
    names = ladder.slice(ladder.indexOf(lowest), ladder.indexOf(top) + 1).reverse();
  } else {
    names = ordered.slice(topIndex >= 0 ? topIndex : 0).map(([grade]) => grade);
  }
  const levels = names.slice(0, MAX_LEVELS).map((grade) => ({
    grade,
    sends: steps.get(grade)?.sends ?? 0,
    attempts: steps.get(grade)?.attempts ?? 0,
  }));
  return { discipline, system, top_grade: topIndex >= 0 ? top : null, levels };
}

/** Every step of the systems with a table, easiest first, so missing grades show as empty bars. */
const ladderOf = (table: Record<string, number>) => Object.entries(table).sort((a, b) => a[1] - b[1]).map(([g]) => g);
const LADDERS: Record<string, string[]> = {
  yds: ladderOf(YDS_SCORES),
  french: ladderOf(FRENCH_SCORES),
  font: ladderOf(FONT_SCORES),
  v: ladderOf(V_SCORES),
};
