import type { Grade, ParsedRating } from "../grades";

export type SourceKind = "mountain_project" | "eight_a";

export type Discipline = "sport" | "trad" | "boulder" | "toprope" | "ice" | "mixed" | "aid" | "alpine" | "snow" | "other";

/**
 * Normalised ascent styles. `send` is decided once, here, from the source's style fields
 * (see docs/logbook.md for each source's table).
 */
export type Style =
  | "onsight" | "flash" | "redpoint" | "pinkpoint" | "send"
  | "attempt" | "toprope" | "follow" | "solo" | "lead" | "unknown";

/** A tick after cleaning: what is stored, exported and analysed. */
export type CleanTick = {
  /** 0-based position in the export; with `fingerprint` it tells identical repeats apart. */
  position: number;
  /** Hash of the row's content plus its occurrence; the re-sync key. */
  key: string;
  date: string | null;
  datePrecision: "day" | "month" | "year" | null;
  route: string;
  location: string[];
  url: string | null;
  discipline: Discipline;
  routeTypes: string[];
  style: Style;
  send: boolean;
  rating: ParsedRating;
  grade: Grade | null;
  pitches: number | null;
  lengthFt: number | null;
  lengthM: number | null;
  avgStars: number | null;
  yourStars: number | null;
  notes: string;
};
