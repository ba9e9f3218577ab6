import { describe, expect, it } from "vitest";
import { eightAStyle, isSend, mpDiscipline, mpStyle } from "./styles";

describe("Mountain Project styles", () => {
  it.each([
    ["Lead", "Onsight", "onsight", "sport", true],
    ["Lead", "Flash", "flash", "sport", true],
    ["Lead", "Redpoint", "redpoint", "trad", true],
    ["Lead", "Pinkpoint", "pinkpoint", "sport", true],
    ["Lead", "Fell/Hung", "attempt", "sport", false],
    ["Lead", "", "lead", "sport", false],
    ["TR", "", "toprope", "sport", false],
    ["Follow", "", "follow", "trad", false],
    ["Solo", "", "solo", "trad", false],
    ["Send", "", "send", "boulder", true],
    ["Flash", "", "flash", "boulder", true],
    ["Attempt", "", "attempt", "boulder", false],
    ["", "", "unknown", "sport", false],
    ["", "Redpoint", "redpoint", "sport", true],
    ["TR", "", "toprope", "boulder", false],
  ] as const)("%s / %s -> %s", (style, lead, expected, discipline, send) => {
    expect(mpStyle(style, lead)).toBe(expected);
    expect(isSend(discipline, mpStyle(style, lead))).toBe(send);
  });

  it("does not count a boulder 'send' style as a route lead", () => {
    expect(isSend("sport", "send")).toBe(false);
  });
});

describe("8a.nu styles", () => {
  it.each([
    ["os", false, "sportclimbing", "onsight", "sport", true],
    ["fl", false, "sportclimbing", "flash", "sport", true],
    ["f", false, "bouldering", "flash", "boulder", true],
    ["rp", false, "sportclimbing", "redpoint", "sport", true],
    ["rp", false, "bouldering", "send", "boulder", true],
    ["tr", false, "sportclimbing", "toprope", "sport", false],
    ["rp", true, "sportclimbing", "attempt", "sport", false],
    ["go", false, "bouldering", "attempt", "boulder", false],
    ["??", false, "bouldering", "unknown", "boulder", false],
  ] as const)("%s (project %s, %s) -> %s", (type, project, category, expected, discipline, send) => {
    expect(eightAStyle(type, project, category)).toBe(expected);
    expect(isSend(discipline, expected)).toBe(send);
  });
});

describe("disciplines from Route Type", () => {
  it.each([
    ["Sport", "sport"],
    ["Trad, Alpine", "trad"],
    ["Alpine, Trad", "alpine"],
    ["Boulder", "boulder"],
    ["TR", "toprope"],
    ["Ice, Mixed", "ice"],
    ["Aid", "aid"],
    ["Snow", "snow"],
    ["", "other"],
    ["Something New", "other"],
  ])("%s -> %s", (routeType, discipline) => {
    expect(mpDiscipline(routeType).discipline).toBe(discipline);
  });
});
