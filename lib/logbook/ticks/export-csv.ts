import { stringify } from "csv-stringify/sync";
import type { CleanTick } from "./types";

/** The CSV columns a climber gets: one row per tick, what a spreadsheet needs to re-sort and chart. */
const COLUMNS: [string, (t: CleanTick) => string | number | null][] = [
  ["date", (t) => t.date],
  ["route", (t) => t.route],
  ["location", (t) => t.location.join(" > ")],
  ["discipline", (t) => t.discipline],
  ["route_types", (t) => t.routeTypes.join(", ")],
  ["style", (t) => t.style],
  ["send", (t) => (t.send ? "yes" : "no")],
  ["rating", (t) => t.rating.raw],
  ["grade", (t) => t.grade?.label ?? null],
  ["grade_system", (t) => t.grade?.system ?? null],
  ["grade_step", (t) => t.grade?.step ?? null],
  ["difficulty_score", (t) => t.grade?.score ?? null],
  ["danger", (t) => t.rating.danger ?? null],
  ["aid", (t) => t.rating.aid ?? null],
  ["pitches", (t) => t.pitches],
  ["length_m", (t) => t.lengthM],
  ["length_ft", (t) => t.lengthFt],
  ["avg_stars", (t) => t.avgStars],
  ["your_stars", (t) => t.yourStars],
  ["url", (t) => t.url],
  ["notes", (t) => t.notes],
];

export const CSV_HEADER = COLUMNS.map(([name]) => name);

/** Cells that a spreadsheet would run as a formula are prefixed with a quote (CSV injection). */
function safe(value: string | number | null): string | number {
  if (value === null) return "";
  if (typeof value === "string" && /^[=+\-@\t\r]/.test(value)) return `'${value}`;
  return value;
}

export function ticksToCsv(ticks: CleanTick[]): string {
  return stringify([CSV_HEADER, ...ticks.map((t) => COLUMNS.map(([, get]) => safe(get(t))))], { record_delimiter: "\n" });
}
