import { describe, expect, it } from "vitest";
import { gradeOf, parseRating } from "../grades";
import { computePyramids } from "./compute-pyramid";

const tick = (rating: string, discipline: string, send: boolean) => ({
  discipline: discipline as "sport",
  send,
  grade: gradeOf(parseRating(rating), discipline),
});

describe("computePyramids", () => {
  it("starts at the hardest clean send and lists the steps below, gaps included", () => {
    const [sport] = computePyramids([
      tick("5.12a", "sport", false),
      tick("5.11b", "sport", true),
      tick("5.11b/c", "sport", true),
      tick("5.11a", "sport", true),
      tick("5.11a", "sport", false),
      tick("5.10c", "sport", true),
      tick("5.10a", "sport", true),
      tick("5.9", "sport", true),
    ]);
    expect(sport.top_grade).toBe("5.11b");
    expect(sport.system).toBe("yds");
    expect(sport.levels).toEqual([
      { grade: "5.11b", sends: 2, attempts: 0 },
      { grade: "5.11a", sends: 1, attempts: 1 },
      { grade: "5.10d", sends: 0, attempts: 0 },
      { grade: "5.10c", sends: 1, attempts: 0 },
      { grade: "5.10b", sends: 0, attempts: 0 },
      { grade: "5.10a", sends: 1, attempts: 0 },
      { grade: "5.9", sends: 1, attempts: 0 },
    ]);
  });

  it("gives each discipline its own pyramid in its own system, sport, trad, boulder first", () => {
    const pyramids = computePyramids([
      tick("WI4", "ice", true),
      tick("V5", "boulder", true),
      tick("V3", "boulder", true),
      tick("5.10a", "trad", true),
      tick("7a+", "sport", true),
      tick("6C", "boulder", true),
    ]);
    expect(pyramids.map((p) => [p.discipline, p.system, p.top_grade])).toEqual([
      ["sport", "french", "7a+"],
      ["trad", "yds", "5.10a"],
      ["boulder", "v", "V5"],
      ["ice", "ice", "WI4"],
    ]);
  });

  it("caps the pyramid at eight steps and has no top grade without a send", () => {
    const ticks = ["V10", "V8", "V7", "V6", "V5", "V4", "V3", "V2", "V1", "V0"].map((g) => tick(g, "boulder", g !== "V10"));
    const [boulder] = computePyramids(ticks);
    expect(boulder.top_grade).toBe("V8");
    expect(boulder.levels.map((l) => l.grade)).toEqual(["V8", "V7", "V6", "V5", "V4", "V3", "V2", "V1"]);
    const [none] = computePyramids([tick("V3", "boulder", false), tick("V1", "boulder", false)]);
    expect(none.top_grade).toBeNull();
    expect(none.levels[0]).toEqual({ grade: "V3", sends: 0, attempts: 1 });
  });

  it("skips ungraded ticks and returns nothing for no ticks", () => {
    expect(computePyramids([])).toEqual([]);
    expect(computePyramids([{ discipline: "sport", send: true, grade: null }])).toEqual([]);
  });
});
