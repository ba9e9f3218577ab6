"use client";

import { useState } from "react";
import { Button } from "@/app/_components/ui/button";
import { Card } from "@/app/_components/ui/page-header";
import { type ConfigurationItem, readError, type Settings } from "./types";

const EMPTY: Settings & { name: string } = { name: "", method: "auto", pages: null, header_rows: 1, merge_across_pages: false };

/** Configurations: create, edit (each save is a new version), and each one's version history. */
export function ConfigurationsCard({ configurations, onChange }: { configurations: ConfigurationItem[]; onChange: (c: ConfigurationItem[]) => void }) {
  const [form, setForm] = useState(EMPTY);
  const [editing, setEditing] = useState<string | null>(null);
  const [history, setHistory] = useState<ConfigurationItem | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  async function save() {
    setBusy(true);
    setError(null);
    const body = { name: form.name, method: form.method, pages: form.pages?.trim() ? form.pages.trim() : null, header_rows: form.header_rows, merge_across_pages: form.merge_across_pages };
    const res = await fetch(editing ? `/api/v1/configurations/${encodeURIComponent(editing)}` : "/api/v1/configurations", {
      method: editing ? "PATCH" : "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify(body),
    });
    setBusy(false);
    if (!res.ok) return setError(await readError(res));
    const saved = (await res.json()) as ConfigurationItem;
    onChange([saved, ...configurations.filter((c) => c.configuration_id !== saved.configuration_id)]);
    setHistory(editing ? saved : null);
    setEditing(null);
    setForm(EMPTY);
  }

  async function showVersions(id: string) {
    const res = await fetch(`/api/v1/configurations/${encodeURIComponent(id)}`);
    if (res.ok) setHistory((await res.json()) as ConfigurationItem);
  }

  return (
    <Card title="Configurations" description="How tables are found. Saving a change adds a version; jobs record the version they used.">
      <div className="space-y-4 p-4">
        <form
          className="grid gap-3 sm:grid-cols-2"
          aria-label={editing ? "Edit configuration" : "New configuration"}
          onSubmit={(e) => {
            e.preventDefault();
            void save();
          }}
        >
          <label className="text-sm">
            Name
            <input required value={form.name} onChange={(e) => setForm({ ...form, name: e.target.value })} className="mt-1 block w-full rounded border border-slate-300 px-2 py-1" />
          </label>
          <label className="text-sm">
            Method
            <select value={form.method} onChange={(e) => setForm({ ...form, method: e.target.value as Settings["method"] })} className="mt-1 block w-full rounded border border-slate-300 px-2 py-1">
              <option value="auto">auto: ruled tables, then aligned text</option>
              <option value="lattice">lattice: tables drawn with rules</option>
              <option value="stream">stream: tables aligned by whitespace</option>
            </select>
          </label>
          <label className="text-sm">
            Pages <span className="text-slate-500">(e.g. 1-3,7; empty: all)</span>
            <input value={form.pages ?? ""} onChange={(e) => setForm({ ...form, pages: e.target.value })} className="mt-1 block w-full rounded border border-slate-300 px-2 py-1" />
          </label>
          <label className="text-sm">
            Header rows
            <input type="number" min={0} max={20} value={form.header_rows} onChange={(e) => setForm({ ...form, header_rows: Number(e.target.value) })} className="mt-1 block w-full rounded border border-slate-300 px-2 py-1" />
          </label>
          <label className="flex items-center gap-2 text-sm">
            <input type="checkbox" checked={form.merge_across_pages} onChange={(e) => setForm({ ...form, merge_across_pages: e.target.checked })} />
            Merge tables that continue on the next page
          </label>
          <div className="flex gap-2">
            <Button type="submit" busy={busy}>
              {editing ? "Save as new version" : "Create configuration"}
            </Button>
            {editing ? (
              <Button variant="secondary" onClick={() => (setEditing(null), setForm(EMPTY))}>
                Cancel
              </Button>
            ) : null}
          </div>
        </form>
        {error ? (
          <p role="alert" className="text-sm text-red-700">
            {error}
          </p>
        ) : null}
        <ul className="divide-y divide-slate-200 text-sm" aria-label="Configurations">
          {configurations.map((c) => (
            <li key={c.configuration_id} className="flex flex-wrap items-center justify-between gap-2 py-2">
              <span>
                <strong>{c.name}</strong> v{c.version} · {c.method}
                {c.pages ? ` · pages ${c.pages}` : ""}
                {c.merge_across_pages ? " · merges across pages" : ""}
              </span>
              <span className="flex gap-2">
                <button type="button" className="text-sky-700 underline" onClick={() => (setEditing(c.configuration_id), setForm({ name: c.name, method: c.method, pages: c.pages, header_rows: c.header_rows, merge_across_pages: c.merge_across_pages }))}>
                  Edit
                </button>
                <button type="button" className="text-sky-700 underline" onClick={() => void showVersions(c.configuration_id)}>
                  Versions
                </button>
              </span>
            </li>
          ))}
          {configurations.length === 0 ? <li className="py-2 text-slate-500">No configuration yet: create one to extract tables.</li> : null}
        </ul>
        {history?.versions ? (
          <div className="rounded bg-slate-50 p-3 text-sm" aria-label={`Versions of ${history.name}`}>
            <p className="font-medium">Versions of {history.name}</p>
            <ol className="mt-1 space-y-1">
              {history.versions.map((v) => (
                <li key={v.version}>
                  v{v.version} ({new Date(v.created_at).toLocaleString()}): {v.name}, {v.method}, pages {v.pages ?? "all"}, {v.header_rows} header rows{v.merge_across_pages ? ", merged across pages" : ""}
                </li>
              ))}
            </ol>
          </div>
        ) : null}
      </div>
    </Card>
  );
}
