export type PyramidView = {
  discipline: string;
  source_id: string;
  system: string;
  top_grade: string | null;
  levels: { grade: string; sends: number; attempts: number }[];
};

export type TickView = {
  id: string;
  date: string | null;
  route: string;
  location: string;
  discipline: string;
  style: string;
  send: boolean;
  grade: string | null;
  rating: string;
  danger: string | null;
  length_m: number | null;
  your_stars: number | null;
  url: string | null;
};

export const DISCIPLINE_LABEL: Record<string, string> = {
  sport: "Sport",
  trad: "Trad",
  boulder: "Boulder",
  toprope: "Top-rope",
  ice: "Ice",
  mixed: "Mixed",
  aid: "Aid",
  alpine: "Alpine",
  snow: "Snow",
  other: "Other",
};
