/**
 * The ICDAR 2013 table competition's structure measure: every non-empty cell is related to the
 * nearest non-empty cell to its right and the nearest below; precision and recall compare the
 * sets of (text, text, direction) relations of a result and the truth. Text is normalised (case,
 * whitespace and punctuation ignored), as the competition's evaluation does.
 */
export type Relation = string;

export function normaliseCell(text: string): string {
  return text.toLowerCase().normalize("NFKC").replace(/[\s\p{P}]+/gu, "");
}

export function adjacencyRelations(rows: string[][]): Relation[] {
  const grid = rows.map((r) => r.map(normaliseCell));
  const out: Relation[] = [];
  for (let r = 0; r < grid.length; r++) {
    for (let c = 0; c < grid[r].length; c++) {
      const a = grid[r][c];
      if (!a) continue;
      for (let k = c + 1; k < grid[r].length; k++) {
        if (grid[r][k]) {
          out.push(`${a}\u0000${grid[r][k]}\u0000h`);
          break;
        }
      }
      for (let k = r + 1; k < grid.length; k++) {
        if (grid[k][c]) {
          out.push(`${a}\u0000${grid[k][c]}\u0000v`);
          break;
        }
      }
    }
  }
  return out;
}

export type Score = { truePositives: number; found: number; expected: number };

/** Multiset match of a result's relations against the truth's. */
export function scoreTable(result: string[][], truth: string[][]): Score {
  const expected = adjacencyRelations(truth);
  const found = adjacencyRelations(result);
  const pool = new Map<string, number>();
  for (const rel of expected) pool.set(rel, (pool.get(rel) ?? 0) + 1);
  let tp = 0;
  for (const rel of found) {
    const n = pool.get(rel) ?? 0;
    if (n > 0) {
      tp++;
      pool.set(rel, n - 1);
    }
  }
  return { truePositives: tp, found: found.length, expected: expected.length };
}

export function f1(s: Score): { precision: number; recall: number; f1: number } {
  const precision = s.found ? s.truePositives / s.found : 0;
  const recall = s.expected ? s.truePositives / s.expected : 0;
  return { precision, recall, f1: precision + recall ? (2 * precision * recall) / (precision + recall) : 0 };
}
