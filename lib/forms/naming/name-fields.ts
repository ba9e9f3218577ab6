import { centerY, right } from "@/lib/pdf/geometry";
import type { DetectedField } from "../types";
import type { Phrase } from "../vector/text";
import { headingLabel, optionLabels, questionLabel, textLabel } from "./find-label";
import { slugify } from "./slug";

const clean = (text: string) => text.replace(/[\s:_]+$/, "").replace(/\s+/g, " ").trim();

/**
 * Sets each field's `label` from the page text, unless a detector already found one: nearby text
 * first; then the parts of a split comb (a date's MM / DD / YYYY) take the label of the part to
 * their left; then table cells take their column heading.
 */
export function labelFields(fields: DetectedField[], phrases: Phrase[]): void {
  const boxes = fields.filter((f) => f.type === "checkbox");
  optionLabels(boxes.map((f) => f.box), phrases).forEach((p, i) => {
    if (p && !boxes[i].label) boxes[i].label = clean(p.text);
  });
  // The second and later parts of a split comb continue the part on their left.
  const combs = fields.filter((f) => f.comb).sort((a, b) => a.box.x - b.box.x);
  const partOf = new Map<DetectedField, DetectedField>();
  for (const f of combs) {
    const left = combs.find((o) => o !== f && Math.abs(centerY(o.box) - centerY(f.box)) <= 3 && f.box.x - right(o.box) >= 0 && f.box.x - right(o.box) <= 24);
    if (left) partOf.set(f, left);
  }
  for (const f of fields) {
    if (f.label || f.type === "checkbox" || partOf.has(f)) continue;
    const p = textLabel(f.box, phrases);
    if (p) f.label = clean(p.text);
  }
  for (const f of combs) if (!f.label && partOf.has(f)) f.label = partOf.get(f)!.label;
  for (const f of fields) {
    if (f.label || f.type === "checkbox") continue;
    const p = headingLabel(f.box, phrases);
    if (p) f.label = clean(p.text);
  }
}

/**
 * Readable base names for one page's fields, which must be in reading order: the label as a slug
 * (`date_of_birth`); checkboxes of one question get question + option (`marital_status_single`),
 * a lone consent box its statement. `uniqueNames` then makes them unique across the document.
 */
export function baseNames(fields: DetectedField[], phrases: Phrase[]): void {
  const bases = new Map<DetectedField, string>();
  const boxes = fields.filter((f) => f.type === "checkbox");
  const optionOf = new Map(optionLabels(boxes.map((f) => f.box), phrases).map((p, i) => [boxes[i], p]));
  for (const group of checkboxGroups(fields)) {
    const options = group.map((f) => optionOf.get(f));
    const question = questionLabel(group.map((f) => f.box), options, phrases);
    const q = slugify(question?.text);
    group.forEach((f, i) => {
      const option = slugify(options[i]?.text ?? f.label);
      const single = group.length === 1;
      const base = single && option && (!q || option.split("_").length > 3) ? option : [q, option ?? (q ? String(i + 1) : undefined)].filter(Boolean).join("_");
      if (base) bases.set(f, base);
    });
  }
  for (const f of fields) f.name = bases.get(f) ?? slugify(f.label) ?? (f.type === "text" ? "text" : f.type);
}

/**
 * Makes names unique in document order: the first keeps its base, later ones get `_2`, `_3` ...
 * `reserved` holds names the PDF's existing fields use (compared case-insensitively).
 */
export function uniqueNames(fields: DetectedField[], reserved: Iterable<string> = []): void {
  const taken = new Set([...reserved].map((n) => n.toLowerCase()));
  for (const f of fields) {
    const base = f.name ?? f.type;
    let name = base;
    for (let n = 2; taken.has(name.toLowerCase()); n++) name = `${base}_${n}`;
    taken.add(name.toLowerCase());
    f.name = name;
  }
}

/** Consecutive checkboxes (reading order) on one line, or stacked in one column, form a group. */
function checkboxGroups(fields: DetectedField[]): DetectedField[][] {
  const groups: DetectedField[][] = [];
  let current: DetectedField[] = [];
  for (const f of fields) {
    if (f.type !== "checkbox") {
      if (current.length) groups.push(current);
      current = [];
      continue;
    }
    const last = current[current.length - 1];
    const sameRow = last && last.page === f.page && Math.abs(centerY(last.box) - centerY(f.box)) <= Math.max(last.box.height, f.box.height) / 2 && f.box.x - right(last.box) <= 220;
    const stacked = last && last.page === f.page && Math.abs(last.box.x - f.box.x) <= 3 && f.box.y - last.box.y > 0 && f.box.y - last.box.y <= last.box.height * 3 + 12;
    if (last && !sameRow && !stacked) {
      groups.push(current);
      current = [];
    }
    current.push(f);
  }
  if (current.length) groups.push(current);
  return groups;
}
