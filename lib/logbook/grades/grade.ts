import type { Grade, GradeSystem, ParsedRating } from "./types";
import { CLASS_SCORES, FONT_SCORES, FRENCH_SCORES, V_SCORES, YDS_SCORES } from "./scale-table";

const mid = (a: number, b: number) => (a + b) / 2;

/** `5.10b/c` counts towards 5.10b (the easier step: a climber has not sent 5.10c yet). */
function yds(label: string): Grade | null {
  const m = /^5\.(\d{1,2})([abcd](?:\/[abcd])?|[+-])?$/.exec(label);
  if (!m) return null;
  const n = Number(m[1]);
  const suffix = m[2] ?? "";
  const base = `5.${n}`;
  const make = (step: string, score: number | undefined): Grade | null =>
    score === undefined ? null : { system: "yds", label, step, score, rank: score };
  if (n < 10) {
    const score = YDS_SCORES[base];
    if (score === undefined) return null;
    return make(base, score + (suffix === "+" ? 1 : suffix === "-" ? -1 : 0));
  }
  const letter = (l: string) => YDS_SCORES[`${base}${l}`];
  if (/^[abcd]$/.test(suffix)) return make(`${base}${suffix}`, letter(suffix));
  if (suffix.includes("/")) {
    const [lo, hi] = suffix.split("/");
    if (letter(lo) === undefined || letter(hi) === undefined) return null;
    return make(`${base}${lo}`, mid(letter(lo), letter(hi)));
  }
  // Letter-less grades sit between letters, as Mountain Project's Rating Code orders them.
  const [lo, hi] = suffix === "-" ? ["a", "b"] : suffix === "+" ? ["c", "d"] : ["b", "c"];
  if (letter(lo) === undefined || letter(hi) === undefined) return null;
  return make(`${base}${lo}`, mid(letter(lo), letter(hi)));
}

function vScale(label: string): Grade | null {
  if (label === "V-easy") return { system: "v", label, step: "VB", score: V_SCORES.VB, rank: V_SCORES.VB };
  const m = /^V(\d{1,2})([+-]|-(\d{1,2}))?$/.exec(label);
  if (!m) return null;
  const step = `V${Number(m[1])}`;
  const score = V_SCORES[step];
  if (score === undefined) return null;
  let value = score;
  if (m[3] !== undefined) value = V_SCORES[`V${Number(m[3])}`] !== undefined ? mid(score, V_SCORES[`V${Number(m[3])}`]) : score;
  else if (m[2] === "+") value = score + 1;
  else if (m[2] === "-") value = score - 1;
  return { system: "v", label, step, score: value, rank: value };
}

function lettered(system: "french" | "font", label: string, table: Record<string, number>): Grade | null {
  const [lo, hi] = label.split("/");
  const score = table[lo];
  if (score === undefined) return null;
  const value = hi && table[hi] !== undefined ? mid(score, table[hi]) : score;
  return { system, label, step: lo, score: value, rank: value };
}

/** Systems without a shared score still order: ice/mixed/aid by number and sign, snow by steepness. */
function ordinal(system: GradeSystem, label: string): Grade | null {
  if (system === "snow") {
    const rank = ["Easy Snow", "Mod. Snow", "Steep Snow"].indexOf(label);
    return rank < 0 ? null : { system, label, step: label, score: null, rank };
  }
  const m = /(\d{1,2})([+-])?$/.exec(label);
  if (!m) return null;
  const rank = Number(m[1]) * 3 + (m[2] === "+" ? 1 : m[2] === "-" ? -1 : 0);
  return { system, label, step: label.replace(/[+-]$/, ""), score: null, rank };
}

/** Which systems to read first for each discipline (the first one present is the tick's grade). */
const PREFERENCE: Record<string, GradeSystem[]> = {
  boulder: ["v", "font", "yds", "french"],
  ice: ["ice", "mixed", "yds", "french"],
  mixed: ["mixed", "ice", "yds", "french"],
  aid: ["aid", "yds", "french"],
  snow: ["snow", "ice", "yds", "class"],
};
const ROUTE_PREFERENCE: GradeSystem[] = ["yds", "french", "class", "ice", "mixed", "aid", "snow", "v", "font"];

export function gradeOf(parsed: ParsedRating, discipline: string): Grade | null {
  for (const system of PREFERENCE[discipline] ?? ROUTE_PREFERENCE) {
    const label = parsed[system];
    if (!label) continue;
    const grade =
      system === "yds" ? yds(label)
      : system === "v" ? vScale(label)
      : system === "french" ? lettered("french", label, FRENCH_SCORES)
      : system === "font" ? lettered("font", label, FONT_SCORES)
      : system === "class" ? { system, label, step: label, score: CLASS_SCORES[label], rank: CLASS_SCORES[label] }
      : ordinal(system, label);
    if (grade) return grade;
  }
  return null;
}
