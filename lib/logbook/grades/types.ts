export type GradeSystem = "yds" | "french" | "v" | "font" | "ice" | "mixed" | "aid" | "snow" | "class";

/** A rating split into its grades and attributes; danger and aid are never the grade itself. */
export type ParsedRating = {
  raw: string;
  /** YDS route grade as written (`5.10b/c`, `5.10-`, `5.9`). */
  yds?: string;
  /** V grade as written (`V0-1`, `V-easy`, `V5`). */
  v?: string;
  french?: string;
  font?: string;
  ice?: string;
  mixed?: string;
  aid?: string;
  snow?: string;
  /** Fewer than fifth class: `3rd`, `4th`, `Easy 5th`. */
  class?: string;
  /** Protection / danger rating (PG13, R, X). */
  danger?: string;
};

/** One tick's grade: in the source's own system, its pyramid step, and the shared score. */
export type Grade = {
  system: GradeSystem;
  /** As the climber's source writes it (`5.10b/c`, `V0-1`, `7a+`, `6C`). */
  label: string;
  /** The pyramid step the grade counts towards (`5.10b`, `V0`, `7a+`). */
  step: string;
  /** OpenBeta/sandbag score; null for systems without one (ice, mixed, aid, snow). */
  score: number | null;
  /** Orders grades of one system, also for systems without a shared score. */
  rank: number;
};
