import type { SqlRunner } from "@/lib/db";

/** JSON parameters travel as text and are cast with `::jsonb` in the statement. */
export function json(value: unknown): string {
  return JSON.stringify(value === undefined ? null : value);
}

export function at(ms: number): Date {
  return new Date(ms);
}

/** Milliseconds from a timestamp column (pg and PGlite both return Date; text is tolerated). */
export function ms(value: unknown): number | null {
  if (value === null || value === undefined) return null;
  if (value instanceof Date) return value.getTime();
  return new Date(String(value)).getTime();
}

/**
 * A multi-row VALUES list with numbered placeholders. `casts` gives each column's cast
 * (e.g. "::jsonb"), so one statement inserts a whole batch.
 */
export function values(rows: unknown[][], casts: string[], offset = 0): { text: string; params: unknown[] } {
  const params: unknown[] = [];
  const tuples = rows.map((row) => {
    const cells = row.map((cell, i) => {
      params.push(cell);
      return `$${offset + params.length}${casts[i] ?? ""}`;
    });
    return `(${cells.join(", ")})`;
  });
  return { text: tuples.join(", "), params };
}

export type Tx = SqlRunner;
