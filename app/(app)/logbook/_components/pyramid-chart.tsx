"use client";

import { useState } from "react";
import { DISCIPLINE_LABEL, type PyramidView } from "./types";

/**
 * One discipline's pyramid: a bar per grade (sends solid, other ticks lighter), hardest at the
 * top. The bars are drawn for the eye only; the same numbers are in a table that screen readers
 * get always and sighted users by switching to "Table".
 */
export function PyramidChart({ pyramid }: { pyramid: PyramidView }) {
  const [asTable, setAsTable] = useState(false);
  const max = Math.max(1, ...pyramid.levels.map((l) => l.sends + l.attempts));
  const name = DISCIPLINE_LABEL[pyramid.discipline] ?? pyramid.discipline;
  const captionId = `pyramid-${pyramid.source_id}-${pyramid.discipline}`;
  return (
    <section aria-labelledby={captionId} className="rounded-lg border border-slate-200 p-4" data-testid={`pyramid-${pyramid.discipline}`}>
      <div className="mb-3 flex items-baseline justify-between gap-2">
        <h3 id={captionId} className="text-sm font-semibold text-slate-900">
          {name} <span className="font-normal text-slate-600">· top grade</span>{" "}
          <span data-testid="top-grade">{pyramid.top_grade ?? "no clean send yet"}</span>
        </h3>
        <button type="button" className="text-xs text-indigo-700 underline" aria-pressed={asTable} onClick={() => setAsTable(!asTable)}>
          {asTable ? "Chart" : "Table"}
        </button>
      </div>
      {!asTable ? (
        <div aria-hidden="true" className="space-y-1">
          {pyramid.levels.map((l) => (
            <div key={l.grade} className="flex items-center gap-2 text-xs">
              <span className="w-16 shrink-0 text-right font-mono text-slate-700">{l.grade}</span>
              <div className="flex h-4 flex-1 justify-center">
                <div className="flex h-4" style={{ width: `${((l.sends + l.attempts) / max) * 100}%` }}>
                  <div className="h-4 bg-emerald-600" style={{ flexGrow: l.sends }} />
                  <div className="h-4 bg-slate-300" style={{ flexGrow: l.attempts }} />
                </div>
              </div>
              <span className="w-16 shrink-0 text-slate-600">
                {l.sends}/{l.sends + l.attempts}
              </span>
            </div>
          ))}
          <p className="pt-1 text-xs text-slate-600">
            <span className="mr-1 inline-block size-2 bg-emerald-600" /> clean sends <span className="mr-1 ml-3 inline-block size-2 bg-slate-300" /> other ticks
          </p>
        </div>
      ) : null}
      <table className={asTable ? "w-full text-sm" : "sr-only"}>
        <caption className="sr-only">{name} pyramid, hardest grade first</caption>
        <thead>
          <tr className="text-left text-xs text-slate-600">
            <th scope="col">Grade</th>
            <th scope="col">Sends</th>
            <th scope="col">Attempts and other ticks</th>
          </tr>
        </thead>
        <tbody>
          {pyramid.levels.map((l) => (
            <tr key={l.grade}>
              <th scope="row" className="text-left font-mono font-normal">{l.grade}</th>
              <td>{l.sends}</td>
              <td>{l.attempts}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}
