import { overlap1d } from "@/lib/pdf/geometry";
import { type Candidate, freeTop, lineHeight, type PageContext } from "./candidate";
import type { Segment } from "@/lib/pdf/operators/content";
import { captionsUnder, stripLabel } from "./line-fields";
import type { UnderscoreRun } from "./text";
import type { Box } from "../types";

/**
 * Runs of underscores (or dots) typed as fill-in lines; the field sits on the run's ink. Dots
 * that run into a box or an amount column ("Total income ........ [   ]", "........ 12") are a
 * leader pointing at that field, not one themselves. Short equal runs set evenly apart on one
 * line ("___ ___ ___ ___", last four digits) are one comb field, a character each. Captions
 * under a run split it like a drawn rule ("City  State  ZIP Code"), except captions naming the
 * parts of one value ("First Name  Middle Name  Last Name", "Number  Street", "MM / DD / YYYY"): real forms'
 * authors make those one field.
 */
export function underscoreFields(ctx: PageContext, others: Candidate[] = [], hs: Segment[] = []): Candidate[] {
  const out: Candidate[] = [];
  const combed = underscoreCombs(ctx.text.underscores);
  for (const group of combed) {
    const first = group[0];
    const last = group[group.length - 1];
    const bottom = Math.max(...group.map((u) => u.base + u.size * 0.13));
    const x1 = last.box.x + last.box.width;
    const wanted = lineHeight(first.size);
    const top = freeTop(ctx, first.box.x, x1, bottom, wanted);
    if (bottom - top < wanted * 0.5) continue;
    out.push({ box: { x: first.box.x, y: top, width: x1 - first.box.x, height: bottom - top }, type: "text", construct: "underscores", comb: group.length, score: 0.9 });
  }
  // Runs a comb or a joined pair has taken are not fields of their own.
  const claimed = new Set(combed.flat());
  for (const [a, b] of joinedRuns(ctx)) {
    const bottom = Math.max(a.base, b.base) + a.size * 0.13;
    const to = runEnd(ctx, b, others);
    // The joining words are part of the value, not print above the blank.
    const top = Math.max(freeTop(ctx, a.box.x, a.box.x + a.box.width, bottom, lineHeight(a.size)), freeTop(ctx, b.box.x, to, bottom, lineHeight(a.size)));
    out.push({ box: { x: a.box.x, y: top, width: to - a.box.x, height: bottom - top }, type: "text", construct: "underscores", score: 0.85 });
    claimed.add(a).add(b);
  }
  for (const run of ctx.text.underscores) {
    if (run.box.width < (run.count === 2 ? 6 : 12) || claimed.has(run)) continue;
    if (run.dots && (leadsToField(ctx, run.box, others) || followsAnswer(ctx, run.box))) continue;
    const bottom = run.base + run.size * 0.13;
    const wanted = lineHeight(run.size);
    if (run.count === 2) {
      // A two-underscore blank standing as a word ("page __ of"): the field takes the spaces around it too.
      const pad = run.size * BLANK_PAD;
      const [x0, x1] = [run.box.x - pad, run.box.x + run.box.width + pad];
      const top = freeTop(ctx, x0, x1, bottom, wanted);
      out.push({ box: { x: x0, y: top, width: x1 - x0, height: bottom - top }, type: "text", construct: "underscores", score: 0.85 });
      continue;
    }
    const seg: Segment = { o: "h", at: bottom, from: run.box.x, to: run.box.x + run.box.width, width: 0.5 };
    const captions = run.dots ? undefined : captionsUnder(ctx, seg, hs, others);
    const split = captions && captions.length > 1 && !captions.every((c) => PART_OF_ONE_VALUE.test(c.label.text));
    for (const part of split ? captions : [{ from: seg.from, to: seg.to, label: undefined }]) {
      const top = freeTop(ctx, part.from, part.to, bottom, wanted);
      if (bottom - top < wanted * 0.5) continue;
      const label = part.label ? { label: stripLabel(part.label.text) } : {};
      const to = part.to === seg.to ? runEnd(ctx, run, others) : part.to;
      out.push({ box: { x: part.from, y: top, width: to - part.from, height: bottom - top }, type: "text", construct: "underscores", score: 0.9, ...label });
    }
  }
  return out;
}

/**
 * Words that join two blanks into one value: a court's district is written "Eastern District of
 * Michigan", and the official bankruptcy forms put one field over "____ District of ____".
 */
const ONE_VALUE_JOIN = /^district\s+of$/i;

/** Pairs of underscore runs on one line with only ONE_VALUE_JOIN's words between them. */
function joinedRuns(ctx: PageContext): [UnderscoreRun, UnderscoreRun][] {
  const pairs: [UnderscoreRun, UnderscoreRun][] = [];
  for (const word of ctx.text.phrases) {
    if (!ONE_VALUE_JOIN.test(word.text.trim())) continue;
    const near = (u: UnderscoreRun, x: number) => !u.dots && Math.abs(u.base - word.base) <= 1.5 && Math.abs(x) <= word.size;
    const before = ctx.text.underscores.find((u) => near(u, word.box.x - (u.box.x + u.box.width)));
    const after = ctx.text.underscores.find((u) => near(u, u.box.x - (word.box.x + word.box.width)));
    // A caption under a blank ("(State)") makes it a value of its own.
    const captioned = (u: UnderscoreRun) => ctx.text.phrases.some((p) => p.box.y >= u.base && p.box.y <= u.base + 7 && overlap1d(p.box.x, p.box.x + p.box.width, u.box.x, u.box.x + u.box.width) > 0);
    if (before && after && !captioned(before) && !captioned(after)) pairs.push([before, after]);
  }
  return pairs;
}

/** Ems of space either side of a two-underscore blank that its field takes. */
const BLANK_PAD = 0.4;

/** Authors' widgets over typed underscores run on a little past the last one (4 pt more matched 8 more widgets on dev; 2, 6 and 8 pt fewer). */
const RUN_ON = 4;

/** Where a field over an underscore run ends: RUN_ON past it, unless something printed or found starts there. */
function runEnd(ctx: PageContext, run: UnderscoreRun, others: Candidate[]): number {
  const end = run.box.x + run.box.width;
  const line = (b: { x: number; y: number; width: number; height: number }) =>
    b !== run.box && b.x >= end - 1 && b.x < end + RUN_ON + 2 && overlap1d(b.y, b.y + b.height, run.box.y, run.box.y + run.box.height) > 0.3 * run.box.height;
  const blocked = ctx.text.phrases.some((p) => line(p.box)) || ctx.text.underscores.some((u) => line(u.box)) || others.some((c) => line(c.box));
  return blocked ? end : end + RUN_ON;
}

/** Captions of the parts of one value written on one line: a person's name, a date. */
const PART_OF_ONE_VALUE = /^\W*((first|middle|last|given|family)\b.*\bname|name\b|m\.?\s?i\.?$|initial|suffix|number|street|mm|dd|yy|yyyy|month|day|year)\b/i;

/** Three or more short underscore runs of one length, evenly spaced on one baseline. */
function underscoreCombs(runs: UnderscoreRun[]): UnderscoreRun[][] {
  const short = runs.filter((u) => !u.dots && u.box.width <= 24).sort((a, b) => a.base - b.base || a.box.x - b.box.x);
  const groups: UnderscoreRun[][] = [];
  for (const u of short) {
    const group = groups.find((g) => {
      const prev = g[g.length - 1];
      const gap = u.box.x - (prev.box.x + prev.box.width);
      const firstGap = g.length >= 2 ? g[1].box.x - (g[0].box.x + g[0].box.width) : gap;
      return Math.abs(prev.base - u.base) <= 1 && Math.abs(prev.box.width - u.box.width) <= 1.5 && gap > 0 && gap <= prev.box.width && Math.abs(gap - firstGap) <= 1.5;
    });
    if (group) group.push(u);
    else groups.push([u]);
  }
  return groups.filter((g) => g.length >= 3);
}

/** Dots right after a "Yes" or "No" lead the eye from the answer across the row; nothing is written on them. */
function followsAnswer(ctx: PageContext, run: Box): boolean {
  return ctx.text.phrases.some((p) => /^(yes|no)\.?$/i.test(p.text.trim()) && run.x - (p.box.x + p.box.width) >= -1 && run.x - (p.box.x + p.box.width) <= 6 && overlap1d(p.box.y, p.box.y + p.box.height, run.y, run.y + run.height) > run.height * 0.5);
}

/**
 * A leader points at something just after its end on its line: a field, a line number, an amount
 * or its currency sign. Only the next label with its own dot line ("Name ...... Date ......")
 * leaves a dot line a field of its own.
 */
function leadsToField(ctx: PageContext, run: Box, others: Candidate[]): boolean {
  const end = run.x + run.width;
  const mid = run.y + run.height / 2;
  const onLine = (b: Box, from: number, reach: number) => b.x >= from - 2 && b.x - from <= reach && b.y <= mid + 2 && b.y + b.height >= mid - 2;
  if (others.some((c) => onLine(c.box, end, 40))) return true;
  const next = ctx.text.phrases.filter((p) => onLine(p.box, end, 40)).sort((a, b) => a.box.x - b.box.x)[0];
  if (!next) return false;
  const nextEnd = next.box.x + next.box.width;
  return !ctx.text.underscores.some((u) => u.dots && onLine(u.box, nextEnd, 12));
}
