import { createHash } from "node:crypto";
import type { PageSize, TruthField } from "../types";
import type { DropReason } from "./widget-truth";

/** One document of the real-form set, as bench/forms/real/SOURCES.json records it. */
export type RealSource = { repo: string; commit: string; path: string; license: string; sha256: string; pages: number; fields: Record<string, number> };

/** The truth file the set builder writes per document (`truth/<id>.json`). */
export type RealTruth = {
  id: string;
  sha256: string;
  source: { repo: string; commit: string; path: string };
  pages: { size: PageSize; rotation: number }[];
  fields: TruthField[];
  dropped: Partial<Record<DropReason, number>>;
};

export type RealSplit = { seed: string; test_share: number; dev: string[]; test: string[] };

/** A document's short id: the first 16 hex digits of its sha256 (file names in the data dir). */
export const realId = (sha256: string) => sha256.slice(0, 16);

/**
 * The fixed split by document: within each source repository (so every source is represented on
 * both sides), documents ordered by sha256(seed + document sha256) and the first `testShare`
 * (rounded) held back as test. Deterministic; adding a document moves no other one between sides
 * of a repository unless that repository's rounding changes.
 */
export function splitDocuments(sources: Pick<RealSource, "repo" | "sha256">[], seed: string, testShare: number): RealSplit {
  const byRepo = new Map<string, string[]>();
  for (const s of sources) byRepo.set(s.repo, [...(byRepo.get(s.repo) ?? []), s.sha256]);
  const dev: string[] = [];
  const test: string[] = [];
  const rank = (sha: string) => createHash("sha256").update(`${seed}:${sha}`).digest("hex");
  for (const shas of byRepo.values()) {
    const ordered = [...shas].sort((a, b) => rank(a).localeCompare(rank(b)));
    const n = Math.round(ordered.length * testShare);
    test.push(...ordered.slice(0, n));
    dev.push(...ordered.slice(n));
  }
  return { seed, test_share: testShare, dev: dev.sort(), test: test.sort() };
}

/** Same page count and the same widgets (type and box to the point): a copy of a layout. */
export function layoutKey(pages: number, fields: TruthField[]): string {
  const parts = fields.map((f) => [f.page, f.type, Math.round(f.box.x), Math.round(f.box.y), Math.round(f.box.width), Math.round(f.box.height)].join(":")).sort();
  return createHash("sha256").update(`${pages}|${parts.join(",")}`).digest("hex");
}

export function countByType(fields: TruthField[]): Record<string, number> {
  const counts: Record<string, number> = { text: 0, checkbox: 0, signature: 0 };
  for (const f of fields) counts[f.type]++;
  return counts;
}
