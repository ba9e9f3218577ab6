import type { SchemaRow } from "@/lib/openapi/docs-model";
import { InlineText } from "./inline-text";

/** Fields of a schema: name (nested with dots), type, whether required, and what it means. */
export function SchemaTable({ rows, caption, showIn }: { rows: (SchemaRow & { in?: string })[]; caption: string; showIn?: boolean }) {
  if (rows.length === 0) return null;
  return (
    <div className="overflow-x-auto rounded-md border border-slate-200">
      <table className="w-full text-left text-sm">
        <caption className="sr-only">{caption}</caption>
        <thead className="bg-slate-50 text-xs uppercase tracking-wide text-slate-500">
          <tr>
            <th scope="col" className="px-3 py-2 font-medium">Name</th>
            {showIn && <th scope="col" className="px-3 py-2 font-medium">In</th>}
            <th scope="col" className="px-3 py-2 font-medium">Type</th>
            <th scope="col" className="px-3 py-2 font-medium">Description</th>
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100">
          {rows.map((row) => (
            <tr key={`${row.in ?? ""}:${row.name}`} className="align-top">
              <td className="px-3 py-2 font-mono text-xs whitespace-nowrap text-slate-900">
                {row.name}
                {row.required && <span className="ml-1 text-rose-600" title="required">*</span>}
              </td>
              {showIn && <td className="px-3 py-2 text-xs text-slate-500">{row.in}</td>}
              <td className="px-3 py-2 font-mono text-xs text-indigo-700">
                {row.type}
                {row.constraints && <div className="mt-0.5 font-sans text-slate-500">{row.constraints}</div>}
              </td>
              <td className="px-3 py-2 text-slate-600">
                <InlineText text={row.description} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
