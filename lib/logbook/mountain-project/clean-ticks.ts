import { gradeOf, parseRating } from "../grades";
import { isSend, mpDiscipline, mpStyle } from "../ticks/styles";
import type { CleanTick } from "../ticks/types";
import { parseTickDate } from "../ticks/dates";
import { withKeys } from "../ticks/keys";
import { decodeHtmlEntities } from "./html-entities";
import type { MpRow } from "./parse-tick-export";

const FEET_PER_METRE = 3.28084;

function number(text: string): number | null {
  const t = text.trim();
  if (t === "") return null;
  const n = Number(t);
  return Number.isFinite(n) ? n : null;
}

/** One export row as a clean tick; `key` is filled in by `withKeys` across the whole export. */
export function cleanMpRow(row: MpRow, position: number): Omit<CleanTick, "key"> {
  const { discipline, types } = mpDiscipline(row["Route Type"]);
  const style = mpStyle(row.Style, row["Lead Style"]);
  const rating = parseRating(decodeHtmlEntities(row.Rating));
  const date = parseTickDate(row.Date);
  const lengthFt = number(row.Length);
  const yourStars = number(row["Your Stars"]);
  const pitches = number(row.Pitches);
  return {
    position,
    date: date?.date ?? null,
    datePrecision: date?.precision ?? null,
    route: decodeHtmlEntities(row.Route).trim(),
    location: decodeHtmlEntities(row.Location).split(">").map((p) => p.trim()).filter(Boolean),
    url: /^https?:\/\//.test(row.URL.trim()) ? row.URL.trim() : null,
    discipline,
    routeTypes: types,
    style,
    send: isSend(discipline, style),
    rating,
    grade: gradeOf(rating, discipline),
    pitches: pitches !== null && pitches > 0 ? Math.round(pitches) : null,
    lengthFt: lengthFt !== null && lengthFt > 0 ? Math.round(lengthFt) : null,
    lengthM: lengthFt !== null && lengthFt > 0 ? Math.round((lengthFt / FEET_PER_METRE) * 10) / 10 : null,
    avgStars: number(row["Avg Stars"]),
    yourStars: yourStars === null || yourStars < 0 ? null : yourStars,
    notes: decodeHtmlEntities(row.Notes).replace(/\r\n?/g, "\n").trim(),
  };
}

export function cleanMpRows(rows: MpRow[]): CleanTick[] {
  return withKeys(rows.map((row, i) => cleanMpRow(row, i)));
}
