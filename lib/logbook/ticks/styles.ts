import type { Discipline, Style } from "./types";

/**
 * Mountain Project: `Style` is Lead, TR, Follow, Solo (routes) or Send, Flash, Attempt (boulders);
 * a lead's `Lead Style` says how it went. A lead without a lead style is kept as `lead` and is not
 * counted as a clean send: the climber did not say it went clean.
 */
export function mpStyle(style: string, leadStyle: string): Style {
  const s = style.trim().toLowerCase();
  const l = leadStyle.trim().toLowerCase();
  if (s === "lead" || (s === "" && l !== "")) {
    if (l === "onsight") return "onsight";
    if (l === "flash") return "flash";
    if (l === "redpoint") return "redpoint";
    if (l === "pinkpoint") return "pinkpoint";
    if (l === "fell/hung") return "attempt";
    return s === "lead" ? "lead" : "unknown";
  }
  if (s === "send") return "send";
  if (s === "flash") return "flash";
  if (s === "attempt") return "attempt";
  if (s === "tr") return "toprope";
  if (s === "follow") return "follow";
  if (s === "solo") return "solo";
  return "unknown";
}

/** 8a.nu `type`: os onsight, fl/f flash, rp redpoint, tr top-rope; a project is an attempt whatever its type. */
export function eightAStyle(type: string, project: boolean, category: "sportclimbing" | "bouldering"): Style {
  if (project) return "attempt";
  const t = type.trim().toLowerCase();
  if (t === "os") return "onsight";
  if (t === "fl" || t === "f") return "flash";
  if (t === "rp") return category === "bouldering" ? "send" : "redpoint";
  if (t === "tr") return "toprope";
  if (t === "go") return "attempt";
  return "unknown";
}

const ROUTE_SENDS = new Set<Style>(["onsight", "flash", "redpoint", "pinkpoint"]);
const BOULDER_SENDS = new Set<Style>(["send", "flash", "onsight"]);

/** A clean send: a clean lead for routes, a send or flash for boulders; never TR, follow, solo or an attempt. */
export function isSend(discipline: Discipline, style: Style): boolean {
  return discipline === "boulder" ? BOULDER_SENDS.has(style) : ROUTE_SENDS.has(style);
}

/**
 * Mountain Project `Route Type` is a comma list (`Trad, Alpine`). The first listed type wins: it is
 * the one the route's page names first, and the climber's pyramid should count the route once.
 */
export function mpDiscipline(routeType: string): { discipline: Discipline; types: string[] } {
  const types = routeType.split(",").map((t) => t.trim()).filter(Boolean);
  const first = (types[0] ?? "").toLowerCase();
  const known: Record<string, Discipline> = {
    sport: "sport", trad: "trad", boulder: "boulder", tr: "toprope", ice: "ice", mixed: "mixed",
    aid: "aid", alpine: "alpine", snow: "snow",
  };
  return { discipline: known[first] ?? "other", types };
}
