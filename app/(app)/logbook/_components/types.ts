import type { z } from "zod";
import type { pyramidSchema, tickSchema } from "@/lib/logbook/schemas";

/** The logbook API's shapes as the page reads them: the server's zod schemas' types, imported as types only. */
export type PyramidView = z.infer<typeof pyramidSchema>["disciplines"][number];
export type TickView = z.infer<typeof tickSchema>;

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
