import { overlap1d } from "@/lib/pdf/geometry";
import { type Candidate, endsInColon, freeTop, isHeading, isMark, isSignatureLabel, lineHeight, type PageContext, signatureHeight } from "./candidate";
import type { Segment } from "@/lib/pdf/operators/content";
import type { Phrase } from "./text";
import type { Box } from "../types";

/** Rules shorter than this (points) are not lines to write on by themselves. */
export const MIN_LINE = 20;

/**
 * Rules meant for handwriting: a label on the same line to the left, a caption just below the
 * start, or a rule continuing a stack of such rules. Rules without a label are decoration
 * (section breaks, footers), and rules with text sitting on them underline that text (headings).
 */
export function underlineFields(ctx: PageContext, hs: Segment[], others: Candidate[]): Candidate[] {
  const out: Candidate[] = [];
  const accepted: { seg: Segment; size: number; label: string }[] = [];
  const body = ctx.text.bodySize;
  const emit = (seg: Segment, from: number, to: number, label: string, size: number, score: number): boolean => {
    const signature = isSignatureLabel(label);
    const wanted = signature ? signatureHeight(size) : lineHeight(size);
    const top = freeTop(ctx, from, to, seg.at, wanted);
    if (seg.at - top < wanted * 0.55) return false;
    out.push({ box: { x: from, y: top, width: to - from, height: seg.at - top }, type: signature ? "signature" : "text", construct: "underline", score, label: stripLabel(label) });
    return true;
  };
  for (const seg of [...hs].sort((a, b) => a.at - b.at || a.from - b.from)) {
    if (seg.width > 3) continue;
    // A short rule is a field only with its own caption right under it (Maryland's "MI" lines).
    if (seg.to - seg.from < MIN_LINE && !(seg.to - seg.from >= SHORT_LINE && shortCaption(ctx, seg))) continue;
    // A rule across the page at its foot sets off the footer ("Form 140 (2023)  Page 3 of 6").
    if (seg.at > ctx.size.height * 0.92 && seg.to - seg.from > ctx.size.width * 0.8) continue;
    // One rule holding several fields: labels printed on it, or captions under it.
    const parts = labelsOnLine(ctx, seg, leftLabel(ctx, seg, hs), others) ?? captionsUnder(ctx, seg, hs, others);
    if (parts) {
      let any = false;
      for (const part of parts) any = emit(seg, part.from, part.to, part.label.text, part.label.size, part.score) || any;
      if (any) accepted.push({ seg, size: parts[0].label.size, label: parts[parts.length - 1].label.text });
      continue;
    }
    // A label with a colon set over the rule's start, a line or two above it: the rule closes its row.
    const over = labelOverStart(ctx, seg, hs, others);
    if (over) {
      out.push(over);
      accepted.push({ seg, size: body, label: over.label! });
      continue;
    }
    const left = leftLabel(ctx, seg, hs);
    const below = left ? undefined : captionBelow(ctx, seg);
    // Text under a rule that labels something else (the box under it, the boxes or rule beside
    // it) is the next row's label, and the rule a section break.
    const caption = below && !labelsSomethingElse(below, seg, hs, others) && !labelsItsLine(ctx, below, seg, others) ? below : undefined;
    // A further rule of a stack ("Comments" and lines under it): nothing printed in between.
    const between = (a: Segment) => (b: { x: number; y: number; width: number; height: number }) =>
      b.y > a.at && b.y + b.height < seg.at && overlap1d(b.x, b.x + b.width, seg.from, seg.to) > 0;
    const above = left || caption ? undefined : accepted.find((a) =>
      seg.at - a.seg.at > 8 && seg.at - a.seg.at <= 45 && Math.abs(a.seg.to - seg.to) <= 3 && seg.from <= a.seg.from + 2 &&
      !ctx.text.phrases.some((p) => between(a.seg)(p.box)) && !others.some((c) => between(a.seg)(c.box)));
    // The first of a stack of writing lines, even with no label on its own line ("3.d." set beside it).
    const lined = left || caption || above ? undefined : linedArea(ctx, seg, hs);
    if (lined) {
      if (emit(seg, seg.from, seg.to, lined, body, 0.75)) accepted.push({ seg, size: body, label: lined });
      continue;
    }
    const heading = left || caption || above ? undefined : columnHeading(ctx, seg, hs);
    if (heading) {
      if (emit(seg, seg.from, seg.to, heading.text, body, 0.75)) accepted.push({ seg, size: body, label: heading.text });
      continue;
    }
    if (!left && !caption && !above) {
      // Last: labels set above the rule with the writing space between ("Name     Date" over one line).
      const parts = labelsAbove(ctx, seg, hs, others);
      let any = false;
      for (const part of parts ?? []) any = emit(seg, part.from, part.to, part.label.text, part.label.size, part.score) || any;
      if (parts && any) accepted.push({ seg, size: parts[0].label.size, label: parts[parts.length - 1].label.text });
      continue;
    }
    const label = left?.text ?? caption?.text ?? above!.label;
    const size = left?.size ?? (caption ? body : above!.size);
    if (emit(seg, seg.from, seg.to, label, size, left ? 0.85 : caption ? 0.8 : 0.75)) accepted.push({ seg, size, label });
  }
  return out;
}

/**
 * A label ending in a colon set over a rule's start, a line or two above it, the rest of its line
 * blank: the rule rules off a row ("Lessor's name:" over a grey rule across the column) and the
 * field is the blank after the label on the label's line, up to whatever the row holds further
 * right. A label set on two or more lines ("Description of / property / securing debt:") right
 * under another rule labels the whole band between the two rules.
 */
function labelOverStart(ctx: PageContext, seg: Segment, hs: Segment[], others: Candidate[]): Candidate | undefined {
  // The lowest such label: one further up labels an earlier row.
  const label = ctx.text.phrases
    .filter((p) => {
      const rise = seg.at - p.base;
      return endsInColon(p.text) && !p.bold && Math.abs(p.box.x - seg.from) <= 4 && rise > Math.max(4, p.size * 0.6) && rise <= p.size * BAND_RISE && p.box.width < (seg.to - seg.from) * 0.5;
    })
    .sort((a, b) => b.base - a.base)[0];
  // The rule must be the first one under the label: a further rule of a stack is that stack's.
  if (!label || hs.some((h) => h !== seg && h.at > label.base && h.at < seg.at && overlap1d(h.from, h.to, seg.from, seg.to) > 0)) return undefined;
  const lines = [label];
  for (let n = 1; n < LABEL_BLOCK; n++) {
    const first = lines[0];
    const above = ctx.text.phrases.find((o) => !endsInColon(o.text) && Math.abs(o.box.x - first.box.x) <= 1.5 && first.box.y - (o.box.y + o.box.height) >= -1 && first.box.y - (o.box.y + o.box.height) <= first.size * 0.6);
    if (!above) break;
    lines.unshift(above);
  }
  // A label is a few words a line; the last line of a paragraph ending in a colon is not one.
  if (lines.some((p) => p.text.length > 40)) return undefined;
  const blockTop = lines[0].box.y;
  const ruleAbove = lines.length > 1 ? hs.find((h) => h !== seg && h.at < blockTop && blockTop - h.at <= label.size && Math.abs(h.from - seg.from) <= 4 && h.to > label.box.x + label.box.width + MIN_PART) : undefined;
  if (!ruleAbove && seg.at - label.base > label.size * LINE_RISE) return undefined;
  const from = Math.max(...lines.map((p) => p.box.x + p.box.width)) + 2;
  const top = ruleAbove ? ruleAbove.at + 2 : blockTop - 2;
  const bottom = ruleAbove ? seg.at - 2 : Math.min(seg.at, Math.max(top + lineHeight(label.size), label.box.y + label.box.height + 2));
  const inRow = (b: Box) => b.x + b.width > from && overlap1d(b.y, b.y + b.height, top, bottom) > 1;
  const next = Math.min(seg.to + 3, ruleAbove ? ruleAbove.to + 3 : Infinity, ...[...ctx.text.phrases.filter((p) => !lines.includes(p)).map((p) => p.box), ...others.map((c) => c.box)].filter(inRow).map((b) => b.x));
  const box = { x: from, y: top, width: next - 3 - from, height: bottom - top };
  return box.width >= MIN_PART ? { box, type: "text", construct: "underline", score: 0.8, label: stripLabel(lines.map((p) => p.text).join(" ")) } : undefined;
}

/** How far above the rule (label sizes, baseline to rule) a label over its start may sit on its own line. */
const LINE_RISE = 2.2;
/** How far a label's last line may sit above the rule atop a band ruled above it. */
const BAND_RISE = 5;
/** A label set over a rule's start may take this many lines. */
const LABEL_BLOCK = 3;

/** Rules in a stack of writing lines: this many or more, set evenly (points apart). */
const LINED = { count: 4, minPitch: 12, maxPitch: 36 };

/**
 * The first rule of a lined area: LINED.count or more rules of one extent, evenly spaced, nothing
 * printed between them, and a label or item number beside the first line (the USCIS forms'
 * "Additional Information" page: "3.d." left of the first of 22 lines). Its label, or undefined.
 * Unlabelled stacks are left alone: on the dev set they were mostly rulings nobody writes on.
 */
function linedArea(ctx: PageContext, seg: Segment, hs: Segment[]): string | undefined {
  const same = sameExtentBelow(seg, hs);
  if (same.length < LINED.count - 1) return undefined;
  const pitch = same[0].at - seg.at;
  if (pitch < LINED.minPitch || pitch > LINED.maxPitch) return undefined;
  const stack = [seg];
  for (const r of same) if (Math.abs(r.at - stack[stack.length - 1].at - pitch) <= 1) stack.push(r);
  if (stack.length < LINED.count) return undefined;
  const bottom = stack[stack.length - 1].at;
  const over = (b: Box) => overlap1d(b.x, b.x + b.width, seg.from, seg.to) > 1 && b.y + b.height / 2 > seg.at && b.y + b.height / 2 < bottom;
  if (ctx.text.phrases.some((p) => over(p.box))) return undefined;
  const beside = ctx.text.phrases.filter((p) => p.box.x + p.box.width <= seg.from + 2 && seg.from - (p.box.x + p.box.width) <= 40 && p.base <= seg.at + 1 && p.base >= seg.at - pitch);
  return beside.sort((a, b) => b.box.x - a.box.x)[0]?.text;
}

/** The rules below `seg` that start and end where it does (within 1.5 pt), top to bottom: a stack's candidates. */
const sameExtentBelow = (seg: Segment, hs: Segment[]) =>
  hs.filter((r) => r !== seg && r.at > seg.at && Math.abs(r.from - seg.from) <= 1.5 && Math.abs(r.to - seg.to) <= 1.5).sort((a, b) => a.at - b.at);

/** Stacks wider than this (points) are the lines of one long answer, not a table's column. */
const MAX_COLUMN_WIDTH = 150;

/**
 * The heading over a column of entry lines: the rule starts a stack of three or more rules of its
 * extent, evenly spaced with nothing printed between them, and a heading sits right above it
 * (Maryland's credit tables: "SOCIAL SECURITY NO. OF INSURED" over four short rules, each a row).
 */
function columnHeading(ctx: PageContext, seg: Segment, hs: Segment[]): Phrase | undefined {
  // Wide stacks are the lines of one long answer ("Comments"), one field in authors' hands.
  if (seg.to - seg.from > MAX_COLUMN_WIDTH) return undefined;
  const same = sameExtentBelow(seg, hs);
  if (same.length < 2) return undefined;
  const pitch = same[0].at - seg.at;
  if (pitch < 8 || pitch > 30 || Math.abs(same[1].at - same[0].at - pitch) > 1.5) return undefined;
  const over = (p: Phrase) => overlap1d(p.box.x, p.box.x + p.box.width, seg.from, seg.to) > 0;
  const between = (y0: number, y1: number) => ctx.text.phrases.some((p) => !isMark(p) && over(p) && p.box.y + p.box.height / 2 > y0 && p.box.y + p.box.height / 2 < y1);
  if (between(seg.at, same[1].at)) return undefined;
  const heads = ctx.text.phrases.filter((p) => over(p) && !isMark(p) && p.box.y + p.box.height <= seg.at - 1 && p.box.y + p.box.height >= seg.at - pitch * 1.6 && p.box.x >= seg.from - 4 && p.box.x + p.box.width <= seg.to + 4);
  return heads.sort((a, b) => b.box.y - a.box.y)[0];
}

/**
 * Text that is not a field's label: a checkbox's option (Yes / No), amounts and numbers (a table's content), page footers
 * ("Page 2 of 13", "Form I-821 07/03/19"), sentences ("Write that number here.").
 */
export const notALabel = (text: string) => /^(yes|no|n\/a)\b/i.test(text) || /^[\s$€£(]*[\d.,%\s-]+[)]?(\s+and (over|up|more))?$|^\$/.test(text) || /\bpage \d+\b|\bform [a-z]*-?\d/i.test(text) || /[a-z]{2}\.\s+\S/.test(text);

/** The last line of a paragraph: more text of its shade set right above it, at the paragraph's leading. */
const endsParagraph = (ctx: PageContext, p: Phrase) =>
  ctx.text.phrases.some((o) => o !== p && !o.pale === !p.pale && p.box.y - (o.box.y + o.box.height) >= -1 && p.box.y - (o.box.y + o.box.height) <= p.size * 0.6 && o.text.length > 40 && overlap1d(o.box.x, o.box.x + o.box.width, p.box.x, p.box.x + p.box.width) > 0);

type Part = { from: number; to: number; label: Phrase; score: number };

/** Shortest stretch of a rule that is a field of its own. */
const MIN_PART = 24;

/**
 * Labels printed on a rule, the rule running on under and past them ("Name ____ Date ____" drawn
 * as one line): the blank stretch after each label is its field (and the stretch before the
 * first, when a label left of the rule names it). A heading with a rule under it (bold or large
 * text) is not this.
 */
function labelsOnLine(ctx: PageContext, seg: Segment, left: Phrase | undefined, others: Candidate[]): Part[] | undefined {
  const on = ctx.text.phrases
    .filter((p) => {
      const rise = seg.at - p.base;
      return rise >= -1 && rise <= Math.max(4, p.size * 0.6) && p.box.x >= seg.from - 2 && p.box.x + p.box.width <= seg.to + 2 && !isMark(p);
    })
    .sort((a, b) => a.box.x - b.box.x);
  if (on.length === 0) return undefined;
  // Headings are set larger or bolder than the labels around them; a colon makes a label either way.
  const heading = (p: Phrase) => !endsInColon(p.text) && (p.bold || p.size > ctx.text.bodySize * 1.03 || isHeading(p.text));
  // An option beside a checkbox sits on the line too, but answers the checkbox.
  const option = (p: Phrase) => others.some((c) => c.type === "checkbox" && c.box.x + c.box.width <= p.box.x + 1 && p.box.x - (c.box.x + c.box.width) <= 15 && overlap1d(c.box.y, c.box.y + c.box.height, p.box.y, p.box.y + p.box.height) > 0);
  if (on.some((p) => p.text.length > 40 || p.size > ctx.text.bodySize * 1.15 || heading(p) || endsParagraph(ctx, p) || notALabel(p.text) || option(p))) return undefined;
  const parts: Part[] = [];
  if (left && on[0].box.x - 3 - seg.from >= MIN_PART) parts.push({ from: seg.from, to: on[0].box.x - 3, label: left, score: 0.85 });
  on.forEach((p, i) => {
    const from = p.box.x + p.box.width + 2;
    const to = i + 1 < on.length ? on[i + 1].box.x - 3 : seg.to;
    if (to - from >= MIN_PART) parts.push({ from, to, label: p, score: 0.85 });
  });
  return parts.length > 0 ? parts : undefined;
}

/** How far a caption's glyph tops may rise above the rule (tight leading under typed underscores, whose line is estimated from the baseline). */
const CAPTION_RISE = 3;
/** A rule this long (points) under MIN_LINE can hold a character or two, if a caption under it says what. */
const SHORT_LINE = 10;

/** A caption set right under a short rule, starting under it and no wider than twice the rule. */
function shortCaption(ctx: PageContext, seg: Segment): Phrase | undefined {
  const caption = captionBelow(ctx, seg);
  return caption && caption.box.width <= 2 * (seg.to - seg.from) && !notALabel(caption.text) ? caption : undefined;
}

/** A rule at the page's foot this share of the page wide or wider sets off the footer. */
const FOOTER_RULE = 0.6;

/**
 * Captions under a rule that holds several fields ("City, state, zip" and "Telephone" under one
 * line), or one caption centred under it ("(Signature)"). Left-aligned captions start their
 * fields; centred ones split the rule halfway between them.
 */
export function captionsUnder(ctx: PageContext, seg: Segment, hs: Segment[], others: Candidate[]): Part[] | undefined {
  const caps = ctx.text.phrases
    .filter((p) => p.box.y >= seg.at - CAPTION_RISE && p.box.y <= seg.at + 7 && p.box.x >= seg.from - 4 && p.box.x < seg.to - 10 && p.box.x + p.box.width <= seg.to + 4)
    .filter((p) => p.text.length <= 60 && p.size <= ctx.text.bodySize * 1.05 && !isMark(p))
    .sort((a, b) => a.box.x - b.box.x);
  if (caps.length === 0 || caps.some((p) => Math.abs(p.base - caps[0].base) > 2 || notALabel(p.text) || p.text.length > 40)) return undefined;
  // A rule across the foot of the page is the footer's; a shorter one there is an address's last line.
  if (seg.at > ctx.size.height * 0.92 && seg.to - seg.from > ctx.size.width * FOOTER_RULE) return undefined;
  const centre = (p: Phrase) => p.box.x + p.box.width / 2;
  if (caps.length === 1) {
    // A lone caption at the start is the ordinary case (captionBelow); here only a centred one.
    const p = caps[0];
    const mid = (seg.from + seg.to) / 2;
    if (p.box.x <= seg.from + 30 || p.text.length > 30 || Math.abs(centre(p) - mid) > (seg.to - seg.from) * 0.15) return undefined;
    if (labelsSomethingElse(p, seg, hs, others)) return undefined;
    return [{ from: seg.from, to: seg.to, label: p, score: 0.8 }];
  }
  if (caps.some((p) => labelsSomethingElse(p, seg, hs, others))) return undefined;
  const leftAligned = caps[0].box.x - seg.from <= 15;
  const bounds = caps.slice(1).map((p, i) => (leftAligned ? p.box.x - 2 : (caps[i].box.x + caps[i].box.width + p.box.x) / 2));
  const starts = [seg.from, ...bounds.map((b) => b + (leftAligned ? 0 : 1.5))];
  const ends = [...bounds.map((b) => b - (leftAligned ? 3 : 1.5)), seg.to];
  const parts = caps.map((p, i) => ({ from: starts[i], to: ends[i], label: p, score: 0.8 })).filter((part) => part.to - part.from >= Math.min(MIN_PART, part.label.box.width + 2));
  return parts.length > 0 ? parts : undefined;
}

/**
 * Labels printed above a rule, with the room to write between them and it: the first at the
 * rule's start, each starting its part. Only short, plain phrases on one baseline, with no other
 * rule or field between them and this one (then they label that instead).
 */
function labelsAbove(ctx: PageContext, seg: Segment, hs: Segment[], others: Candidate[]): Part[] | undefined {
  const labels = ctx.text.phrases
    .filter((p) => {
      const gap = seg.at - (p.box.y + p.box.height);
      return gap >= 6 && gap <= 24 && p.box.x >= seg.from - 4 && p.box.x < seg.to - MIN_PART && p.box.x + p.box.width <= seg.to + 4;
    })
    .sort((a, b) => a.box.x - b.box.x);
  if (labels.length === 0 || labels[0].box.x - seg.from > 12) return undefined;
  if (labels.some((p) => Math.abs(p.base - labels[0].base) > 2 || p.text.length > 40 || p.size > ctx.text.bodySize * 1.03 || p.bold || isMark(p) || isHeading(p.text) || notALabel(p.text))) return undefined;
  // Labels of something else: options beside checkboxes, captions of the rule above them.
  if (labels.some((p) => endsParagraph(ctx, p))) return undefined;
  const captionOf = (p: Phrase) => hs.some((h) => h !== seg && p.box.y - h.at >= -1.5 && p.box.y - h.at <= 7 && overlap1d(h.from, h.to, p.box.x, p.box.x + p.box.width) > 0);
  if (labels.some((p) => captionOf(p) || labelsSomethingElse(p, seg, hs, others))) return undefined;
  const top = Math.min(...labels.map((p) => p.box.y + p.box.height));
  const inBetween = (b: Box) => b.y >= top - 1 && b.y + b.height <= seg.at - 1 && overlap1d(b.x, b.x + b.width, seg.from, seg.to) > 0;
  if (hs.some((h) => h !== seg && h.at > top && h.at < seg.at - 1 && overlap1d(h.from, h.to, seg.from, seg.to) > 0) || others.some((c) => inBetween(c.box))) return undefined;
  const starts = [seg.from, ...labels.slice(1).map((p) => p.box.x - 2)];
  const ends = [...labels.slice(1).map((p) => p.box.x - 5), seg.to];
  const parts = labels.map((p, i) => ({ from: starts[i], to: ends[i], label: p, score: 0.75 })).filter((part) => part.to - part.from >= MIN_PART);
  return parts.length > 0 ? parts : undefined;
}

/**
 * The label on the rule's line to its left: next to it, or further off across blank paper where
 * labels and rules are set in two aligned columns ("Name          ________"), never past another
 * rule.
 */
export function leftLabel(ctx: PageContext, seg: Segment, hs: Segment[] = []): Phrase | undefined {
  let best: Phrase | undefined;
  for (const p of ctx.text.phrases) {
    const end = p.box.x + p.box.width;
    if (end > seg.from + 2 || seg.from - end > 150 || isMark(p)) continue;
    if (Math.abs(p.base - seg.at) > Math.max(4, p.size * 0.6)) continue;
    if (!best || end > best.box.x + best.box.width) best = p;
  }
  if (!best) return undefined;
  const end = best.box.x + best.box.width;
  if (seg.from - end <= 40) return best;
  const ruleBetween = hs.some((h) => h !== seg && Math.abs(h.at - seg.at) <= 3 && h.to > end && h.from < seg.from);
  return ruleBetween || best.text.length > 40 ? undefined : best;
}

function labelsSomethingElse(p: Phrase, seg: Segment, hs: Segment[], others: Candidate[]): boolean {
  const pRight = p.box.x + p.box.width;
  const pBottom = p.box.y + p.box.height;
  const mid = p.box.y + p.box.height / 2;
  const under = (c: Candidate, gap: number) => c.box.y >= pBottom - 2 && c.box.y <= pBottom + gap;
  return (
    others.some((c) => c.type !== "checkbox" && under(c, 6) && overlap1d(c.box.x, c.box.x + c.box.width, p.box.x, pRight) > 0) ||
    others.filter((c) => c.type === "checkbox" && under(c, 10) && c.box.x >= p.box.x - 20 && c.box.x <= pRight + 200).length >= 2 ||
    others.some((c) => c.box.x >= pRight - 2 && c.box.x - pRight <= 60 && Math.abs(c.box.y + c.box.height / 2 - mid) <= Math.max(4, p.box.height / 2)) ||
    hs.some((h) => h !== seg && h.from >= pRight - 2 && h.from - pRight <= 40 && Math.abs(h.at - p.base) <= Math.max(4, p.size * 0.6))
  );
}

/**
 * A label ending in a colon, set on up to LABEL_BLOCK lines from `p` down, with its last line
 * blank to its right, under the rule: it labels that blank (the next row's field), not the rule.
 */
function labelsItsLine(ctx: PageContext, p: Phrase, seg: Segment, others: Candidate[]): boolean {
  let last = p;
  for (let n = 1; n < LABEL_BLOCK && !endsInColon(last.text); n++) {
    const prev = last;
    const next = ctx.text.phrases.find((o) => Math.abs(o.box.x - prev.box.x) <= 1.5 && o.box.y - (prev.box.y + prev.box.height) >= -1 && o.box.y - (prev.box.y + prev.box.height) <= prev.size * 0.6);
    if (!next) break;
    last = next;
  }
  if (!endsInColon(last.text)) return false;
  const room = { x: last.box.x + last.box.width + 1, y: last.box.y, width: Math.min(seg.to - last.box.x - last.box.width - 1, 60), height: last.box.height };
  const onLine = (b: Box) => overlap1d(b.x, b.x + b.width, room.x, room.x + room.width) > 1 && overlap1d(b.y, b.y + b.height, room.y, room.y + room.height) > room.height * 0.3;
  return room.width >= MIN_PART && !ctx.text.phrases.some((o) => o !== last && onLine(o.box)) && !others.some((c) => onLine(c.box));
}

function captionBelow(ctx: PageContext, seg: Segment): Phrase | undefined {
  // Captions hang just under the rule's start (or centred under a short rule, wider than it) and
  // are short; a paragraph or the next row's label further down is not one.
  const centred = (p: Phrase) => Math.abs(p.box.x + p.box.width / 2 - (seg.from + seg.to) / 2) <= 3;
  return ctx.text.phrases.find(
    (p) =>
      p.box.y >= seg.at - 1.5 &&
      p.box.y <= seg.at + 7 &&
      (p.box.x >= seg.from - 4 || centred(p)) &&
      p.box.x <= seg.from + 30 &&
      p.box.x < seg.to &&
      p.text.length <= 60 &&
      p.size <= ctx.text.bodySize * 1.05,
  );
}

/** "Name:" -> "Name". */
export const stripLabel = (label: string) => label.replace(/[\s:_.]+$/, "").trim();
