import { tablePdf, type PageSpec, type TableSpec } from "@/lib/documents/extract/testing/table-pdf";

/** A small deterministic PRNG (mulberry32), so every run of the bench sees the same tables. */
export function rng(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const WORDS = ["Revenue", "Cost", "North", "South", "East", "West", "Total", "Q1", "Q2", "Q3", "Q4", "Units", "Margin", "Region", "Product", "Alpha", "Beta", "Gamma", "Delta", "Notes"];

/** One random table: 2-8 columns, 3-14 rows, numbers and words, ruled or not, some empty cells. */
export function randomTable(r: () => number, x: number, y: number, ruled: boolean): TableSpec & { truth: string[][] } {
  const cols = 2 + Math.floor(r() * 5);
  const rows = 3 + Math.floor(r() * 10);
  const colWidths = Array.from({ length: cols }, () => 60 + Math.floor(r() * 40));
  const cells = Array.from({ length: rows }, (_, i) =>
    Array.from({ length: cols }, (_, j) => {
      if (i === 0) return `${WORDS[(j * 3 + Math.floor(r() * 20)) % WORDS.length]} ${j + 1}`;
      if (j === 0) return `${WORDS[Math.floor(r() * WORDS.length)]} ${i}`;
      if (r() < 0.08) return "";
      return r() < 0.7 ? (r() * 10000).toFixed(r() < 0.5 ? 0 : 2) : WORDS[Math.floor(r() * WORDS.length)];
    }),
  );
  return { x, y, colWidths, rowHeight: ruled ? 18 : 16, rows: cells.map((row) => row.map((c) => c || null)), ruled, fontSize: 9, truth: cells };
}

/** `pages` pages of one or two tables each (ruled and unruled mixed) with a title line; their truth. */
export async function generatedDocument(pages: number, seed: number): Promise<{ pdf: Uint8Array; truth: { page: number; rows: string[][] }[] }> {
  const r = rng(seed);
  const specs: PageSpec[] = [];
  const truth: { page: number; rows: string[][] }[] = [];
  for (let p = 1; p <= pages; p++) {
    const first = randomTable(r, 60, 100, r() < 0.5);
    const tables = [first];
    const firstBottom = 100 + first.rows.length * first.rowHeight;
    if (r() < 0.6 && firstBottom < 420) tables.push(randomTable(r, 60, firstBottom + 80, r() < 0.5));
    specs.push({ texts: [{ x: 60, y: 60, text: `Report page ${p}`, size: 13 }], tables });
    for (const t of tables) truth.push({ page: p, rows: t.truth });
  }
  return { pdf: await tablePdf(specs), truth };
}
