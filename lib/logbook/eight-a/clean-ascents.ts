import { gradeOf, parseRating } from "../grades";
import { parseTickDate } from "../ticks/dates";
import { withKeys } from "../ticks/keys";
import { eightAStyle, isSend } from "../ticks/styles";
import type { CleanTick, Discipline } from "../ticks/types";
import type { EightAPage } from "./types";

/**
 * 8a.nu ascents as clean ticks. Sport climbs are `sport` unless marked traditional (`trad`);
 * boulders are `boulder`. Grades are French (routes) or Fontainebleau (boulders), as 8a.nu writes
 * them; 8a.nu has no pitch count, length or route URL in this list.
 */
export function cleanEightAPages(pages: EightAPage[]): CleanTick[] {
  const ticks: Omit<CleanTick, "key">[] = [];
  for (const page of pages) {
    for (const ascent of page.ascents) {
      const discipline: Discipline = page.category === "bouldering" ? "boulder" : ascent.traditional ? "trad" : "sport";
      const style = eightAStyle(ascent.type ?? "", ascent.project === true, page.category);
      const rawGrade = (ascent.difficulty ?? "").trim();
      // 8a.nu writes boulder grades upper-case (6C) and route grades lower-case (7a+); normalise a stray case.
      const label = page.category === "bouldering" ? rawGrade.toUpperCase() : rawGrade.toLowerCase();
      const rating = parseRating(label);
      const date = parseTickDate(ascent.date ?? "");
      ticks.push({
        position: ticks.length,
        date: date?.date ?? null,
        datePrecision: date?.precision ?? null,
        route: (ascent.zlaggableName ?? "").trim(),
        location: [ascent.countryName, ascent.areaName, ascent.cragName, ascent.sectorName].map((p) => (p ?? "").trim()).filter(Boolean),
        url: null,
        discipline,
        routeTypes: [page.category === "bouldering" ? "Boulder" : ascent.traditional ? "Trad" : "Sport"],
        style,
        send: isSend(discipline, style),
        rating: { ...rating, raw: rawGrade },
        grade: gradeOf(rating, discipline),
        pitches: null,
        lengthFt: null,
        lengthM: null,
        avgStars: null,
        yourStars: typeof ascent.rating === "number" && ascent.rating >= 0 ? ascent.rating : null,
        notes: (ascent.comment ?? "").trim(),
      });
    }
  }
  return withKeys(ticks);
}
