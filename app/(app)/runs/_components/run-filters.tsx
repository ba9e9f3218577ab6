"use client";

import { useHydrated } from "@/app/_components/hooks/use-hydrated";
import { SelectField, TextField } from "@/app/_components/ui/field";
import { RANGE_LABELS, type RunFilters } from "./filters";
import { statusLabel } from "@/app/_components/ui/status-badge";
import { RUN_STATUS_OPTIONS, type RunFunctionView, type RunStatus } from "./types";

type Props = { filters: RunFilters; functions: RunFunctionView[]; onChange: (next: RunFilters) => void };

/** An ISO time as a `datetime-local` value in the viewer's zone ("2030-01-01T10:00"). */
function toLocalInput(iso: string): string {
  if (!iso) return "";
  const d = new Date(iso);
  const pad = (n: number) => String(n).padStart(2, "0");
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(d.getHours())}:${pad(d.getMinutes())}`;
}

function fromLocalInput(value: string): string {
  const t = Date.parse(value);
  return value && !Number.isNaN(t) ? new Date(t).toISOString() : "";
}

/** Function, status (several at once) and time filters; every change applies at once. */
export function RunFiltersBar({ filters, functions, onChange }: Props) {
  const hydrated = useHydrated();
  const set = (patch: Partial<RunFilters>) => onChange({ ...filters, ...patch });
  const toggle = (s: RunStatus) =>
    set({ statuses: filters.statuses.includes(s) ? filters.statuses.filter((x) => x !== s) : RUN_STATUS_OPTIONS.filter((x) => x === s || filters.statuses.includes(x)) });
  const known = functions.some((f) => f.id === filters.fn);
  return (
    <form className="grid gap-4 rounded-lg bg-white p-4 shadow-sm ring-1 ring-slate-200 sm:grid-cols-2 lg:grid-cols-[1fr_1fr_auto]" onSubmit={(e) => e.preventDefault()} aria-label="Filter runs">
      <SelectField label="Function" value={filters.fn} onChange={(e) => set({ fn: e.target.value })}>
        <option value="">All functions</option>
        {functions.map((f) => (
          <option key={f.id} value={f.id}>
            {f.name}
            {f.app_id !== "conveyor" ? ` (${f.app_id})` : ""}
            {f.archived ? " (removed)" : ""}
          </option>
        ))}
        {filters.fn && !known ? <option value={filters.fn}>{filters.fn}</option> : null}
      </SelectField>
      <div>
        <SelectField label="Time" value={filters.range} onChange={(e) => set({ range: e.target.value as RunFilters["range"] })}>
          {Object.entries(RANGE_LABELS).map(([value, label]) => (
            <option key={value} value={value}>
              {label}
            </option>
          ))}
        </SelectField>
        {filters.range === "custom" ? (
          <div className="mt-2 grid grid-cols-2 gap-2">
            <TextField label="From" type="datetime-local" disabled={!hydrated} value={hydrated ? toLocalInput(filters.from) : ""} onChange={(e) => set({ from: fromLocalInput(e.target.value) })} />
            <TextField label="To" type="datetime-local" disabled={!hydrated} value={hydrated ? toLocalInput(filters.to) : ""} onChange={(e) => set({ to: fromLocalInput(e.target.value) })} />
          </div>
        ) : null}
      </div>
      <fieldset className="sm:col-span-2 lg:col-span-1">
        <legend className="block text-sm font-medium text-slate-800">Status</legend>
        <div className="mt-1 flex flex-wrap gap-1.5">
          {RUN_STATUS_OPTIONS.map((s) => {
            const on = filters.statuses.includes(s);
            return (
              <label key={s} className={`cursor-pointer rounded-full px-2.5 py-1 text-xs font-medium ring-1 ring-inset has-[:focus-visible]:outline-2 has-[:focus-visible]:outline-indigo-600 ${on ? "bg-indigo-600 text-white ring-indigo-600" : "bg-white text-slate-700 ring-slate-300 hover:bg-slate-50"}`}>
                <input type="checkbox" className="sr-only" checked={on} onChange={() => toggle(s)} />
                {statusLabel(s)}
              </label>
            );
          })}
        </div>
      </fieldset>
    </form>
  );
}
