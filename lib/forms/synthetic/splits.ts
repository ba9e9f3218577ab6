import type { FormVariant } from "./generate-form";

export type Split = "train" | "validation" | "test";

/**
 * Disjoint seed ranges: the detector trains on `train`, picks its checkpoint on `validation`, and
 * its published metrics (model card, bench, tests) come from `test`, which training never sees.
 */
export const SPLITS: Record<Split, { first: number; size: number }> = {
  train: { first: 1, size: 1_000_000 },
  validation: { first: 50_000_001, size: 1_000_000 },
  test: { first: 90_000_001, size: 1_000_000 },
};

export function splitSeeds(split: Split, count: number, offset = 0): number[] {
  const { first, size } = SPLITS[split];
  if (offset < 0 || offset + count > size) throw new RangeError(`split ${split} holds ${size} seeds`);
  return Array.from({ length: count }, (_, i) => first + offset + i);
}

export function splitOf(seed: number): Split | undefined {
  return (Object.keys(SPLITS) as Split[]).find((s) => seed >= SPLITS[s].first && seed < SPLITS[s].first + SPLITS[s].size);
}

/** The variant a dataset uses for `seed`: a fixed share of seeds, spread evenly, are scanned. */
export function datasetVariant(seed: number, scannedShare: number): FormVariant {
  const h = Math.imul(seed ^ 0x5bd1e995, 0x27d4eb2d) >>> 0;
  return h / 4294967296 < scannedShare ? "scanned" : "digital";
}
