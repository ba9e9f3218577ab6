/**
 * Page selections as people write them: "1-3,7" (1-based, inclusive ranges, commas). Parsing is
 * pure and bounded: at most 100 parts, pages up to 100,000.
 */
export const PAGE_SPEC = /^\s*\d{1,6}(\s*-\s*\d{1,6})?(\s*,\s*\d{1,6}(\s*-\s*\d{1,6})?){0,99}\s*$/;

export type PageRange = [number, number];

/** The ranges of a valid spec, or a reason it is not one. */
export function parsePageSpec(spec: string): { ranges: PageRange[] } | { error: string } {
  if (!PAGE_SPEC.test(spec)) return { error: 'write pages like "1-3,7"' };
  const ranges: PageRange[] = [];
  for (const part of spec.split(",")) {
    const [a, b] = part.split("-").map((s) => Number(s.trim()));
    const to = b ?? a;
    if (a < 1 || to > 100_000) return { error: "pages are numbered from 1 to 100000" };
    if (to < a) return { error: `the range ${a}-${to} runs backwards` };
    ranges.push([a, to]);
  }
  return { ranges };
}

/** The selected pages of a document with `pageCount` pages, in order, each once; all when no spec. */
export function selectPages(spec: string | null | undefined, pageCount: number): number[] {
  if (!spec) return Array.from({ length: pageCount }, (_, i) => i + 1);
  const parsed = parsePageSpec(spec);
  if ("error" in parsed) return [];
  const set = new Set<number>();
  for (const [a, b] of parsed.ranges) for (let p = a; p <= Math.min(b, pageCount); p++) set.add(p);
  return [...set].sort((x, y) => x - y);
}
