import { overlap1d } from "@/lib/pdf/geometry";
import { type Candidate, freeTop, isHint, isMark, lineHeight, type PageContext } from "./candidate";
import type { Segment } from "@/lib/pdf/operators/content";
import { leftLabel, MIN_LINE, notALabel } from "./line-fields";
import type { Phrase } from "./text";
import type { Box } from "../types";

/**
 * Comb fields drawn as a base line with short ticks rising at each character boundary
 * (the first and last at the line's ends). Returns the candidates and the segments they used.
 */
export function tickCombs(hs: Segment[], vs: Segment[], phrases: Phrase[] = []): { fields: Candidate[]; used: Set<Segment> } {
  const fields: Candidate[] = [];
  const used = new Set<Segment>();
  for (const h of hs) {
    const ticks = vs
      .filter((v) => Math.abs(v.to - h.at) <= 1.5 && v.to - v.from >= 2 && v.to - v.from <= 20 && v.at >= h.from - 1.5 && v.at <= h.to + 1.5)
      .sort((a, b) => a.at - b.at);
    if (ticks.length < 3) continue;
    if (Math.abs(ticks[0].at - h.from) > 2 || Math.abs(ticks[ticks.length - 1].at - h.to) > 2) continue;
    // Dividers that reach a top line make closed boxes (a boxed comb), which cells handle.
    const tops = ticks.map((t) => t.from);
    const closedTop = hs.some((o) => o !== h && tops.every((y) => Math.abs(o.at - y) <= 1.5) && overlap1d(o.from, o.to, h.from, h.to) >= (h.to - h.from) * 0.8);
    if (closedTop) continue;
    const gaps = ticks.slice(1).map((t, i) => t.at - ticks[i].at);
    const pitch = gaps.reduce((a, b) => a + b, 0) / gaps.length;
    if (gaps.some((g) => Math.abs(g - pitch) > Math.max(1, pitch * 0.15))) continue;
    const tick = ticks.reduce((s, t) => s + t.to - t.from, 0) / ticks.length;
    const height = Math.min(pitch * 1.6, Math.max(pitch, tick * 2.2));
    // Cells with characters printed in them ("MM DD 2 0 2 4", the year filled in) are not for
    // writing: each run of blank cells is a field of its own. Printed means set between the
    // ticks, not a label above them.
    const printed = (i: number) =>
      phrases.some((p) => !isHint(p) && overlap1d(p.box.x, p.box.x + p.box.width, ticks[i].at, ticks[i + 1].at) > Math.min(gaps[i], p.box.width) * 0.5 && Math.abs(p.box.y + p.box.height / 2 - (h.at - tick / 2)) <= tick / 2 + 2);
    let start = 0;
    for (let i = 0; i <= gaps.length; i++) {
      if (i < gaps.length && !printed(i)) continue;
      if (i > start) {
        const x0 = ticks[start].at;
        fields.push({ box: { x: x0, y: h.at - height, width: ticks[i].at - x0, height }, type: "text", construct: "comb-ticks", comb: i - start, score: 0.9 });
      }
      start = i + 1;
    }
    used.add(h);
    ticks.forEach((t) => used.add(t));
  }
  return { fields, used };
}

/**
 * Tables ruled with horizontal lines only: three or more lines of the same extent, column headings
 * between the first two. Columns start where the headings start (headings are left-aligned in
 * their columns); every empty cell below is a field.
 */
export function ruledTables(ctx: PageContext, hs: Segment[], checkboxes: Box[]): { fields: Candidate[]; used: Set<Segment> } {
  const fields: Candidate[] = [];
  const used = new Set<Segment>();
  const sorted = [...hs].sort((a, b) => a.at - b.at);
  for (const first of sorted) {
    if (used.has(first)) continue;
    const stack = [first];
    for (const s of sorted) {
      const last = stack[stack.length - 1];
      if (s.at <= last.at + 6 || s.at > last.at + 60) continue;
      if (Math.abs(s.from - first.from) > 2 || Math.abs(s.to - first.to) > 2) continue;
      // Body rows share one pitch; a rule further down at another distance is something else.
      if (stack.length >= 3 && Math.abs(s.at - last.at - (stack[2].at - stack[1].at)) > (stack[2].at - stack[1].at) * 0.25) break;
      stack.push(s);
    }
    // Body rows hold a line of writing; a rule a few points under another is a double rule.
    if (stack.length < 3 || stack.slice(2).some((s, i) => s.at - stack[i + 1].at < 10)) continue;
    const headers = ctx.text.phrases
      .filter((p) => p.box.y >= stack[0].at - 1 && p.box.y + p.box.height <= stack[1].at + 1 && p.box.x >= first.from - 1 && p.box.x < first.to)
      .sort((a, b) => a.box.x - b.box.x);
    // Headings are one line of text; two or more lines between rules are a paragraph.
    if (headers.length === 0 || headers.some((p) => Math.abs(p.base - headers[0].base) > 2)) continue;
    if (headers.some((p) => p.text.length > 40 || p.box.width > (first.to - first.from) * 0.6)) continue;
    if (stack[1].at - stack[0].at > headers[0].size * 3.2) continue;
    const starts = headers.map((p) => p.box.x - 3);
    if (starts[0] - first.from < 12) starts[0] = first.from;
    else starts.unshift(first.from);
    addCheckboxColumns(starts, first, stack, checkboxes);
    const ends = [...starts.slice(1), first.to];
    stack.forEach((s) => used.add(s));
    for (let r = 1; r + 1 < stack.length; r++) {
      const top = stack[r];
      const bottom = stack[r + 1];
      starts.forEach((x0, c) => {
        const lw = top.width;
        const box = { x: x0 + lw / 2, y: top.at + lw / 2, width: ends[c] - x0 - lw, height: bottom.at - top.at - lw };
        if (box.width < 12 || ctx.text.phrases.some((p) => !isMark(p) && overlapsBox(p, box))) return;
        if ([...ctx.text.symbols, ...checkboxes].some((b) => overlap1d(b.x, b.x + b.width, box.x, box.x + box.width) > 0 && b.y >= box.y - 1 && b.y <= box.y + box.height)) return;
        fields.push({ box, type: "text", construct: "table-cell", score: 0.8 });
      });
    }
  }
  return { fields, used };
}

/**
 * A column of checkboxes (one per row) often has no heading. Its boxes are centred in it and it
 * ends where the next heading's column starts, which gives its start: without it, the column to
 * its left would swallow it.
 */
function addCheckboxColumns(starts: number[], table: Segment, stack: Segment[], checkboxes: Box[]): void {
  const inBody = checkboxes.filter((b) => b.y >= stack[1].at && b.y + b.height <= stack[stack.length - 1].at && b.x >= table.from && b.x + b.width <= table.to);
  const centres = [...new Set(inBody.map((b) => Math.round(b.x + b.width / 2)))].filter((c) => inBody.filter((b) => Math.abs(b.x + b.width / 2 - c) <= 2).length >= 2);
  for (const centre of centres) {
    if (starts.some((x) => Math.abs(x - centre) < 6)) continue;
    const end = starts.find((x) => x > centre) ?? table.to;
    const start = 2 * centre - end;
    const before = [...starts].reverse().find((x) => x < start);
    if (before !== undefined && start - before >= 12 && !starts.some((x) => Math.abs(x - start) < 6)) {
      starts.push(start);
      starts.sort((a, b) => a - b);
    }
  }
}

const overlapsBox = (p: Phrase, b: { x: number; y: number; width: number; height: number }) =>
  overlap1d(p.box.x, p.box.x + p.box.width, b.x, b.x + b.width) > 1 && overlap1d(p.box.y, p.box.y + p.box.height, b.y, b.y + b.height) > 1;

/** Rules for one character each: 8-20 pt long, 2 pt apart or more, 3 to 10 in a row (longer rows are a rule drawn in long dashes). */
const DIGIT_RULE = { min: 8, minGap: 2, count: 3, maxCount: 10 };

/**
 * A row of short rules of one length, evenly spaced after a label ("Year __ __ __ __" on the IRS's
 * Schedule EIC): a character on each, too short to be a rule of their own (short dashes are
 * joined before this).
 */
export function digitRules(ctx: PageContext, hs: Segment[], others: Candidate[]): Candidate[] {
  const short = hs
    .filter((s) => s.to - s.from >= DIGIT_RULE.min && s.to - s.from < MIN_LINE && s.width <= 3)
    .sort((a, b) => a.at - b.at || a.from - b.from);
  const out: Candidate[] = [];
  const used = new Set<Segment>();
  for (const first of short) {
    if (used.has(first)) continue;
    const len = first.to - first.from;
    const row = [first];
    for (;;) {
      const last = row[row.length - 1];
      const next = short.find((s) => !used.has(s) && !row.includes(s) && Math.abs(s.at - first.at) <= 0.8 && Math.abs(s.to - s.from - len) <= 1.5 && s.from - last.to >= DIGIT_RULE.minGap && s.from - last.to <= len);
      if (!next) break;
      const gap = next.from - last.to;
      if (row.length > 1 && Math.abs(gap - (row[1].from - row[0].to)) > 2) break;
      row.push(next);
    }
    if (row.length < DIGIT_RULE.count || row.length > DIGIT_RULE.maxCount) continue;
    const label = leftLabel(ctx, first, hs);
    if (!label || notALabel(label.text)) continue;
    const wanted = lineHeight(label.size);
    const boxes = row.map((s) => {
      const top = freeTop(ctx, s.from, s.to, s.at, wanted);
      return { x: s.from, y: top, width: s.to - s.from, height: s.at - top };
    });
    if (boxes.some((b) => b.height < wanted * 0.55 || others.some((c) => overlap1d(c.box.x, c.box.x + c.box.width, b.x, b.x + b.width) > 0 && overlap1d(c.box.y, c.box.y + c.box.height, b.y, b.y + b.height) > 0))) continue;
    row.forEach((s) => used.add(s));
    for (const box of boxes) out.push({ box, type: "text", construct: "digit-rule", score: 0.8 });
  }
  return out;
}
