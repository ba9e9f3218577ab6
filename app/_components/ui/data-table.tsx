import type { ReactNode } from "react";

export type Column<T> = {
  header: string;
  /** Width and alignment of the column's header and cells ("w-28", "text-right"). */
  className?: string;
  cell: (row: T) => ReactNode;
};

type RowAttributes = Record<`data-${string}`, string>;

/**
 * The app's one list-of-things table: a real table from `breakpoint` up (caption, scoped headers),
 * stacked cards below it, each row with the same data attributes in both (tests and scripts find
 * rows by them). Cells and cards are the caller's; the markup and its classes are here.
 */
export function DataTable<T>({
  rows,
  rowKey,
  columns,
  card,
  caption,
  rowAttributes,
  breakpoint = "sm",
  fixed = false,
  testId,
}: {
  rows: readonly T[];
  rowKey: (row: T) => string;
  columns: readonly Column<T>[];
  /** How one row reads on a phone. */
  card: (row: T) => ReactNode;
  caption: string;
  rowAttributes?: (row: T) => RowAttributes;
  breakpoint?: "sm" | "md";
  fixed?: boolean;
  /** `data-testid` of the table (the wide layout). */
  testId?: string;
}) {
  const shown = breakpoint === "sm" ? { list: "sm:hidden", table: "sm:table" } : { list: "md:hidden", table: "md:table" };
  const edge = (i: number) => (i === 0 ? "pr-3" : i === columns.length - 1 ? "pl-3" : "px-3");
  return (
    <>
      <ul className={`divide-y divide-slate-200 ${shown.list}`} aria-label={caption}>
        {rows.map((row) => (
          <li key={rowKey(row)} {...rowAttributes?.(row)}>
            {card(row)}
          </li>
        ))}
      </ul>
      <table className={`hidden w-full text-left text-sm ${fixed ? "table-fixed" : ""} ${shown.table}`} data-testid={testId}>
        <caption className="sr-only">{caption}</caption>
        <thead className="border-b border-slate-200 text-xs tracking-wide text-slate-600 uppercase">
          <tr>
            {columns.map((c, i) => (
              <th key={c.header} scope="col" className={`py-2 font-medium ${edge(i)} ${c.className ?? ""}`}>
                {c.header}
              </th>
            ))}
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100">
          {rows.map((row) => (
            <tr key={rowKey(row)} className="hover:bg-slate-50" {...rowAttributes?.(row)}>
              {columns.map((c, i) => (
                <td key={c.header} className={`py-3 ${edge(i)} ${c.className ?? ""}`}>
                  {c.cell(row)}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </>
  );
}
