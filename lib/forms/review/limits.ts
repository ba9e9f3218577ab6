/**
 * Bounds of an edited field list; the page and the API read the same numbers. Plain data without
 * zod: the forms page imports it, and zod in the browser trips the CSP (it probes for eval).
 */
export const REVIEW_LIMITS = {
  maxFields: 5000,
  maxNameLength: 120,
  maxLabelLength: 500,
  maxComb: 200,
  /** Smallest box a person can still click or type into, per type, in points (width, height). */
  minSize: { text: { width: 8, height: 6 }, checkbox: { width: 4, height: 4 }, signature: { width: 20, height: 8 } },
  /** Boxes may overhang the page by this much (GET rounds to 0.01 pt; detected boxes touch edges); stored clamped. */
  edgeTolerance: 0.5,
} as const;
