import { describe, expect, it } from "vitest";
import { gradeOf, parseRating } from ".";

const grade = (raw: string, discipline = "sport") => gradeOf(parseRating(raw), discipline);

describe("parseRating", () => {
  it.each<[string, Record<string, string>]>([
    ["5.10b PG13", { yds: "5.10b", danger: "PG13" }],
    ["5.10b/c R", { yds: "5.10b/c", danger: "R" }],
    ["5.9 C0", { yds: "5.9", aid: "C0" }],
    ["5.10-", { yds: "5.10-" }],
    ["5.11b/c", { yds: "5.11b/c" }],
    ["V0-1", { v: "V0-1" }],
    ["V2-3 PG13", { v: "V2-3", danger: "PG13" }],
    ["Easy 5th", { class: "Easy 5th" }],
    ["V-easy", { v: "V-easy" }],
    ["3rd", { class: "3rd" }],
    ["4th", { class: "4th" }],
    ["5.15d V16-17 WI8 M13+ A5+ Steep Snow X", { yds: "5.15d", v: "V16-17", ice: "WI8", mixed: "M13+", aid: "A5+", snow: "Steep Snow", danger: "X" }],
    ["5.8+ PG-13", { yds: "5.8+", danger: "PG13" }],
    ["WI4+ M6", { ice: "WI4+", mixed: "M6" }],
    ["AI3 Mod. Snow", { ice: "AI3", snow: "Mod. Snow" }],
    ["7a+", { french: "7a+" }],
    ["6C", { font: "6C" }],
    ["8A/8A+", { font: "8A/8A+" }],
    ["", {}],
    ["nonsense words", {}],
  ])("%s", (raw, parts) => {
    expect(parseRating(raw)).toEqual({ raw, ...parts });
  });
});

describe("gradeOf: own system, pyramid step and shared score (OpenBeta sandbag)", () => {
  it.each<[string, string, string, string, number | null]>([
    ["5.10b PG13", "sport", "yds", "5.10b", 62],
    ["5.10b/c R", "trad", "yds", "5.10b", 63],
    ["5.9 C0", "trad", "yds", "5.9", 52],
    ["5.10-", "sport", "yds", "5.10a", 59.5],
    ["5.10", "sport", "yds", "5.10b", 63],
    ["5.10+", "sport", "yds", "5.10c", 65],
    ["5.11b/c", "sport", "yds", "5.11b", 70],
    ["5.9+", "sport", "yds", "5.9", 53],
    ["V0-1", "boulder", "v", "V0", 44],
    ["V2-3 PG13", "boulder", "v", "V2", 55.5],
    ["V-easy", "boulder", "v", "VB", 12],
    ["V5", "boulder", "v", "V5", 68],
    ["Easy 5th", "trad", "class", "Easy 5th", -2],
    ["3rd", "alpine", "class", "3rd", -20],
    ["5.15d V16-17 WI8 M13+ A5+ Steep Snow X", "sport", "yds", "5.15d", 104],
    ["5.15d V16-17 WI8 M13+ A5+ Steep Snow X", "boulder", "v", "V16", 95],
    ["5.15d V16-17 WI8 M13+ A5+ Steep Snow X", "ice", "ice", "WI8", null],
    ["5.15d V16-17 WI8 M13+ A5+ Steep Snow X", "aid", "aid", "A5", null],
    ["WI4+", "alpine", "ice", "WI4", null],
    ["7a+", "sport", "french", "7a+", 74],
    ["6C", "boulder", "font", "6C", 68],
    ["8A/8A+", "boulder", "font", "8A", 85],
  ])("%s as %s", (raw, discipline, system, step, score) => {
    const g = grade(raw, discipline);
    expect(g).toMatchObject({ system, step, score });
  });

  it("puts equivalent grades of different systems together (the cited table's pairs)", () => {
    const score = (raw: string, d = "sport") => grade(raw, d)!.score;
    expect(score("5.10a")).toBe(57);
    expect(score("5.12a")).toBeCloseTo(score("7a+")!, -1);
    expect(score("5.13b")).toBe(score("8a"));
    expect(score("5.14d")).toBe(score("9a"));
    expect(score("V7", "boulder")).toBe(score("7A+", "boulder"));
    expect(score("V11", "boulder")).toBe(score("8A", "boulder"));
  });

  it("orders grades within a system, including ones without a shared score", () => {
    const rank = (raw: string, d: string) => grade(raw, d)!.rank;
    expect(rank("5.10-", "sport")).toBeLessThan(rank("5.10b", "sport"));
    expect(rank("5.10a/b", "sport")).toBeLessThan(rank("5.10b", "sport"));
    expect(rank("WI3+", "ice")).toBeGreaterThan(rank("WI3", "ice"));
    expect(rank("WI4-", "ice")).toBeGreaterThan(rank("WI3+", "ice"));
    expect(rank("Steep Snow", "snow")).toBeGreaterThan(rank("Easy Snow", "snow"));
  });

  it("has no grade for an unreadable rating", () => {
    expect(grade("", "sport")).toBeNull();
    expect(grade("5.99z", "sport")).toBeNull();
    expect(grade("V40", "boulder")).toBeNull();
  });
});
