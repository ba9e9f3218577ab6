import { z } from "zod";

export const EIGHT_A_CATEGORIES = ["sportclimbing", "bouldering"] as const;
export type EightACategory = (typeof EIGHT_A_CATEGORIES)[number];

/** One ascent as 8a.nu's unification API sends it (the fields the pipeline reads; others pass). */
export const eightAAscentSchema = z.looseObject({
  ascentId: z.union([z.number(), z.string()]).optional(),
  date: z.string().nullish(),
  difficulty: z.string().nullish(),
  zlaggableName: z.string().nullish(),
  zlaggableSlug: z.string().nullish(),
  cragName: z.string().nullish(),
  areaName: z.string().nullish(),
  sectorName: z.string().nullish(),
  countryName: z.string().nullish(),
  type: z.string().nullish(),
  project: z.boolean().nullish(),
  repeat: z.boolean().nullish(),
  traditional: z.boolean().nullish(),
  rating: z.number().nullish(),
  comment: z.string().nullish(),
});
export type EightAAscent = z.infer<typeof eightAAscentSchema>;

export const eightAPageSchema = z.looseObject({
  ascents: z.array(eightAAscentSchema),
  totalItems: z.number().int().nonnegative(),
  pageIndex: z.number().int().nonnegative(),
});

/** What a page step returns: the ascents of one category page (nothing that could sign in). */
export type EightAPage = { category: EightACategory; pageIndex: number; totalItems: number; ascents: EightAAscent[] };
