"use client";

import { useState } from "react";
import { FIELD_STYLE, type FieldType, type FieldView } from "./types";

type Props = { fields: FieldView[]; visible: Record<FieldType, boolean>; selected: string | null; onSelect: (name: string) => void };

/** Long names wrap after their underscores, never inside a word. */
function breakable(name: string) {
  const parts = name.split("_");
  return parts.map((part, i) => (
    <span key={i}>
      {part}
      {i < parts.length - 1 ? (
        <>
          _<wbr />
        </>
      ) : null}
    </span>
  ));
}

/** Every field in tab order: name, type, page and label; choosing one shows it on its page. */
export function FieldList({ fields, visible, selected, onSelect }: Props) {
  const [query, setQuery] = useState("");
  const q = query.trim().toLowerCase();
  const rows = fields
    .map((f, i) => ({ f, order: i + 1 }))
    .filter(({ f }) => visible[f.type] && (!q || f.name.includes(q) || (f.label ?? "").toLowerCase().includes(q)));
  return (
    <div className="space-y-3" data-testid="forms-field-list">
      <label className="block">
        <span className="sr-only">Filter fields</span>
        <input
          type="search"
          value={query}
          onChange={(e) => setQuery(e.target.value)}
          placeholder="Filter by name or label"
          className="block w-full rounded-md border-0 bg-white px-3 py-2 text-sm shadow-sm ring-1 ring-slate-300 ring-inset focus:ring-2 focus:ring-indigo-600"
        />
      </label>
      <div className="max-h-[70vh] overflow-auto rounded-md ring-1 ring-slate-200">
        <table className="w-full text-left text-sm">
          <caption className="sr-only">Detected fields in tab order</caption>
          <thead className="sticky top-0 bg-slate-50 text-xs text-slate-600 uppercase">
            <tr>
              <th scope="col" className="px-2 py-2 font-medium">#</th>
              <th scope="col" className="px-2 py-2 font-medium">Name</th>
              <th scope="col" className="px-2 py-2 font-medium">Type</th>
              <th scope="col" className="px-2 py-2 font-medium">Page</th>
              <th scope="col" className="px-2 py-2 font-medium">Label</th>
            </tr>
          </thead>
          <tbody className="divide-y divide-slate-100">
            {rows.map(({ f, order }) => (
              <tr key={f.name} className={f.name === selected ? "bg-indigo-50" : "hover:bg-slate-50"} data-testid="forms-field-row" data-field={f.name} data-type={f.type}>
                <td className="px-2 py-1.5 tabular-nums text-slate-500">{order}</td>
                <td className="px-2 py-1.5">
                  <button type="button" onClick={() => onSelect(f.name)} className="text-left font-mono text-xs text-indigo-700 hover:underline" aria-pressed={f.name === selected}>
                    {breakable(f.name)}
                  </button>
                </td>
                <td className="px-2 py-1.5">
                  <span className={`inline-flex rounded-full px-2 py-0.5 text-xs font-medium ring-1 ring-inset ${FIELD_STYLE[f.type].badge}`}>
                    {FIELD_STYLE[f.type].label}
                    {f.comb ? ` · ${f.comb} cells` : f.multiline ? " · multiline" : ""}
                  </span>
                </td>
                <td className="px-2 py-1.5 tabular-nums">{f.page}</td>
                <td className="px-2 py-1.5 text-slate-700">{f.label ?? <span className="text-slate-400">—</span>}</td>
              </tr>
            ))}
          </tbody>
        </table>
        {rows.length === 0 ? <p className="px-3 py-4 text-sm text-slate-600">{fields.length === 0 ? "No fields were detected." : "No field matches."}</p> : null}
      </div>
    </div>
  );
}
