/** A sheet (or a CSV file) as a table: the same shape as an extracted PDF table's grid. */
export type SheetTable = {
  name: string;
  /** rows[r][c]; a merged cell's text in its top-left position and "" in the cells it covers. */
  rows: string[][];
  /** Merged cells as [row, col, rowSpan, colSpan]. */
  spans: [number, number, number, number][];
};
