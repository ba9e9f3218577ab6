/**
 * The shared difficulty scale: OpenBeta/sandbag's "score" (MIT), which places every system on one
 * 0-107 line. Each grade below maps to the lowest score sandbag gives it (src/data/routes.csv and
 * src/data/boulder.csv at commit 002642eb0f52839482d46af171de6d14cf8535a6). Route and boulder
 * scores share the line, so 5.12a (75) and 7a+ (74/75) sit together, as do V7 and 7A+ (74).
 */
export const YDS_SCORES: Record<string, number> = {
  "5.0": 0, "5.1": 12, "5.2": 18, "5.3": 22, "5.4": 26, "5.5": 31, "5.6": 36, "5.7": 41, "5.8": 46, "5.9": 52,
  "5.10a": 57, "5.10b": 62, "5.10c": 64, "5.10d": 66,
  "5.11a": 67, "5.11b": 69, "5.11c": 71, "5.11d": 73,
  "5.12a": 75, "5.12b": 76, "5.12c": 78, "5.12d": 80,
  "5.13a": 82, "5.13b": 84, "5.13c": 86, "5.13d": 88,
  "5.14a": 90, "5.14b": 92, "5.14c": 94, "5.14d": 96,
  "5.15a": 98, "5.15b": 100, "5.15c": 102, "5.15d": 104, "5.16a": 106,
};

export const FRENCH_SCORES: Record<string, number> = {
  "1a": 0, "1a+": 2, "1b": 4, "1b+": 6, "1c": 8, "1c+": 10,
  "2a": 12, "2a+": 14, "2b": 16, "2b+": 18, "2c": 20, "2c+": 22,
  "3a": 24, "3a+": 26, "3b": 28, "3b+": 30, "3c": 32, "3c+": 34,
  "4a": 36, "4a+": 38, "4b": 40, "4b+": 42, "4c": 44, "4c+": 46,
  "5a": 48, "5a+": 50, "5b": 52, "5b+": 54, "5c": 56, "5c+": 58,
  "6a": 60, "6a+": 62, "6b": 64, "6b+": 66, "6c": 68, "6c+": 70,
  "7a": 72, "7a+": 74, "7b": 76, "7b+": 78, "7c": 80, "7c+": 82,
  "8a": 84, "8a+": 86, "8b": 88, "8b+": 90, "8c": 92, "8c+": 94,
  "9a": 96, "9a+": 98, "9b": 100, "9b+": 102, "9c": 104, "9c+": 106,
};

/** Fontainebleau boulder grades use the same letters as French sport grades, upper-cased (6C, 7A+). */
export const FONT_SCORES: Record<string, number> = Object.fromEntries(
  Object.entries(FRENCH_SCORES).map(([grade, score]) => [grade.toUpperCase(), score]),
);

export const V_SCORES: Record<string, number> = {
  "VB": 12, "V0": 40, "V1": 48, "V2": 53, "V3": 58, "V4": 63, "V5": 68, "V6": 71, "V7": 74, "V8": 77,
  "V9": 80, "V10": 82, "V11": 84, "V12": 86, "V13": 88, "V14": 90, "V15": 92, "V16": 94, "V17": 96,
};

/** Below fifth class sandbag has no rows; these sit under 5.0 so they still sort. */
export const CLASS_SCORES: Record<string, number> = { "3rd": -20, "4th": -10, "Easy 5th": -2 };
