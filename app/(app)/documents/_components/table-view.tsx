"use client";

import { useEffect, useState } from "react";
import type { TableDetail, TableSummary } from "./types";

/**
 * One extracted table: the grid as an HTML table (spanning cells as colSpan/rowSpan) beside a
 * preview of its page with the table's box drawn over it, and its downloads.
 */
export function TableView({ summary, documentId, onExport }: { summary: TableSummary; documentId: string; onExport: (tableId: string, format: "csv" | "xlsx") => void }) {
  const [table, setTable] = useState<TableDetail | null>(null);
  useEffect(() => {
    let live = true;
    void fetch(`/api/v1/tables/${encodeURIComponent(summary.table_id)}`).then(async (res) => {
      if (res.ok && live) setTable((await res.json()) as TableDetail);
    });
    return () => {
      live = false;
    };
  }, [summary.table_id]);
  const label = summary.title ?? `Table ${summary.index + 1}, page ${summary.page}`;
  return (
    <article className="rounded-lg ring-1 ring-slate-200" data-testid="extracted-table" aria-label={label}>
      <header className="flex flex-wrap items-center justify-between gap-2 border-b border-slate-200 px-4 py-2">
        <h3 className="font-medium">
          {label} <span className="text-sm text-slate-500">({summary.n_rows} × {summary.n_cols}, {summary.method})</span>
        </h3>
        <div className="flex gap-2 text-sm">
          <button type="button" className="rounded bg-slate-100 px-2 py-1 hover:bg-slate-200" onClick={() => onExport(summary.table_id, "csv")}>
            Download CSV
          </button>
          <button type="button" className="rounded bg-slate-100 px-2 py-1 hover:bg-slate-200" onClick={() => onExport(summary.table_id, "xlsx")}>
            Download XLSX
          </button>
        </div>
      </header>
      <div className="flex flex-col gap-4 p-4 lg:flex-row">
        {summary.bbox && summary.page_width && summary.page_height ? <PagePreview documentId={documentId} summary={summary} /> : null}
        <div className="min-w-0 flex-1 overflow-auto">{table ? <Grid table={table} label={label} /> : <p className="text-sm text-slate-500">Loading…</p>}</div>
      </div>
    </article>
  );
}

function PagePreview({ documentId, summary }: { documentId: string; summary: TableSummary }) {
  const b = summary.bbox!;
  const w = summary.page_width!;
  const h = summary.page_height!;
  const pct = (v: number, of: number) => `${(100 * v) / of}%`;
  return (
    <div className="relative w-full max-w-xs shrink-0 self-start ring-1 ring-slate-300" style={{ aspectRatio: `${w} / ${h}` }}>
      {/* An API-served JPEG of the page; next/image would only re-encode it. */}
      {/* eslint-disable-next-line @next/next/no-img-element */}
      <img src={`/api/v1/documents/${encodeURIComponent(documentId)}/pages/${summary.page}/preview`} alt={`Page ${summary.page}`} className="absolute inset-0 h-full w-full" loading="lazy" />
      <div
        data-testid="table-box"
        className="absolute border-2 border-rose-500 bg-rose-500/10"
        style={{ left: pct(b.x0, w), top: pct(b.y0, h), width: pct(b.x1 - b.x0, w), height: pct(b.y1 - b.y0, h) }}
      />
    </div>
  );
}

function Grid({ table, label }: { table: TableDetail; label: string }) {
  const spanAt = new Map(table.spans.map(([r, c, rs, cs]) => [`${r},${c}`, [rs, cs] as const]));
  const covered = new Set<string>();
  for (const [r, c, rs, cs] of table.spans) for (let i = r; i < r + rs; i++) for (let j = c; j < c + cs; j++) if (i !== r || j !== c) covered.add(`${i},${j}`);
  return (
    <table className="min-w-full border-collapse text-sm" aria-label={`${label} cells`}>
      <tbody>
        {table.rows.map((row, r) => (
          <tr key={r} className={r < table.header_rows ? "bg-slate-50 font-medium" : ""}>
            {row.map((cell, c) => {
              if (covered.has(`${r},${c}`)) return null;
              const span = spanAt.get(`${r},${c}`);
              const Cell = r < table.header_rows ? "th" : "td";
              return (
                <Cell key={c} rowSpan={span?.[0]} colSpan={span?.[1]} className="border border-slate-200 px-2 py-1 text-left align-top whitespace-pre-line">
                  {cell}
                </Cell>
              );
            })}
          </tr>
        ))}
      </tbody>
    </table>
  );
}
