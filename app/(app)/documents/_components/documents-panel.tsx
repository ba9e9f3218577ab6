"use client";

import { useCallback, useEffect, useId, useState } from "react";
import { Button } from "@/app/_components/ui/button";
import { Card } from "@/app/_components/ui/page-header";
import { ConfigurationsCard } from "./configurations-card";
import { TableView } from "./table-view";
import { type ConfigurationItem, type DocumentItem, type JobItem, readError, type TableSummary, type TimelineEvent } from "./types";

type Props = { initialDocuments: DocumentItem[]; initialConfigurations: ConfigurationItem[]; maxBytes: number; initialJobId: string | null };

const done = (job: JobItem | null) => !!job && ["succeeded", "failed", "canceled"].includes(job.status);

export function DocumentsPanel({ initialDocuments, initialConfigurations, maxBytes, initialJobId }: Props) {
  const inputId = useId();
  const [documents, setDocuments] = useState(initialDocuments);
  const [configurations, setConfigurations] = useState(initialConfigurations);
  const [file, setFile] = useState<File | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [selected, setSelected] = useState<string | null>(initialDocuments[0]?.document_id ?? null);
  const [timeline, setTimeline] = useState<TimelineEvent[]>([]);
  const [configId, setConfigId] = useState<string>(initialConfigurations[0]?.configuration_id ?? "");
  const [job, setJob] = useState<JobItem | null>(initialJobId ? { job_id: initialJobId, status: "queued", stage: null, progress: 0 } : null);
  const [jobDocument, setJobDocument] = useState<string | null>(null);
  const [tables, setTables] = useState<TableSummary[]>([]);

  const loadTimeline = useCallback(async (id: string) => {
    const res = await fetch(`/api/v1/documents/${encodeURIComponent(id)}/events`);
    if (res.ok) setTimeline(((await res.json()) as { items: TimelineEvent[] }).items);
  }, []);

  useEffect(() => {
    if (!selected) return;
    const timer = setTimeout(() => void loadTimeline(selected), 0);
    return () => clearTimeout(timer);
  }, [selected, loadTimeline]);

  const activeConfig = configId || configurations[0]?.configuration_id || "";

  // The job's progress: polled until it ends, then its tables and the document's timeline.
  useEffect(() => {
    if (!job || done(job)) return;
    const timer = setTimeout(async () => {
      const res = await fetch(`/api/v1/jobs/${encodeURIComponent(job.job_id)}`);
      if (res.ok) {
        const next = (await res.json()) as JobItem;
        if (next.status === "succeeded") {
          const found = await fetch(`/api/v1/jobs/${encodeURIComponent(job.job_id)}/tables`);
          if (found.ok) setTables(((await found.json()) as { items: TableSummary[] }).items);
        }
        setJob(next);
        if (done(next) && selected) void loadTimeline(selected);
      }
      if (!jobDocument) {
        const ev = await fetch(`/api/v1/extractions/${encodeURIComponent(job.job_id)}/events`);
        if (ev.ok) {
          const first = ((await ev.json()) as { items: TimelineEvent[] }).items[0];
          const doc = (first?.data as { document_id?: string } | null)?.document_id;
          if (doc) setJobDocument(doc);
        }
      }
    }, 700);
    return () => clearTimeout(timer);
  }, [job, jobDocument, selected, loadTimeline]);

  async function uploadFile() {
    if (!file) return;
    setBusy(true);
    setError(null);
    try {
      const form = new FormData();
      form.append("file", file);
      const res = await fetch("/api/v1/documents", { method: "POST", body: form });
      if (res.status !== 201) return setError(await readError(res));
      const doc = (await res.json()) as DocumentItem;
      setDocuments([doc, ...documents]);
      setSelected(doc.document_id);
      setFile(null);
    } catch {
      setError("The upload was interrupted; check your connection and try again");
    } finally {
      setBusy(false);
    }
  }

  async function extract() {
    if (!selected || !activeConfig) return;
    setError(null);
    setTables([]);
    const res = await fetch("/api/v1/extractions", { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ document_id: selected, configuration_id: activeConfig }) });
    if (res.status !== 202) return setError(await readError(res));
    const { job_id } = (await res.json()) as { job_id: string };
    setJobDocument(selected);
    setJob({ job_id, status: "queued", stage: null, progress: 0 });
  }

  async function exportTable(tableId: string, format: "csv" | "xlsx") {
    const res = await fetch(`/api/v1/tables/${encodeURIComponent(tableId)}/exports`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ format }) });
    if (res.status !== 201) return setError(await readError(res));
    const { export_id } = (await res.json()) as { export_id: string };
    // A plain link click: the browser downloads the attachment and the page stays.
    const link = document.createElement("a");
    link.href = `/api/v1/exports/${encodeURIComponent(export_id)}/download`;
    link.download = "";
    link.click();
  }

  async function remove(id: string) {
    const res = await fetch(`/api/v1/documents/${encodeURIComponent(id)}`, { method: "DELETE" });
    if (res.status !== 204) return setError(await readError(res));
    setDocuments(documents.filter((d) => d.document_id !== id));
    if (selected === id) setSelected(null);
    if (jobDocument === id) setTables([]);
  }

  return (
    <div className="space-y-6">
      <Card title="Upload a document">
        <div className="flex flex-wrap items-end gap-3 p-4">
          <label htmlFor={inputId} className="text-sm">
            PDF, CSV or XLSX, up to {Math.round(maxBytes / 1e6)} MB
            <input id={inputId} type="file" accept=".pdf,.csv,.xlsx,.txt,application/pdf,text/csv" className="mt-1 block text-sm" onChange={(e) => setFile(e.target.files?.[0] ?? null)} />
          </label>
          <Button onClick={uploadFile} busy={busy} disabled={!file || busy}>
            Upload
          </Button>
        </div>
        {error ? (
          <p role="alert" className="px-4 pb-4 text-sm text-red-700">
            {error}
          </p>
        ) : null}
      </Card>

      <ConfigurationsCard configurations={configurations} onChange={setConfigurations} />

      <Card title="Documents">
        <div className="grid gap-4 p-4 lg:grid-cols-2">
          <ul className="divide-y divide-slate-200 text-sm" aria-label="Documents">
            {documents.map((d) => (
              <li key={d.document_id} className={`flex items-center justify-between gap-2 py-2 ${selected === d.document_id ? "font-medium" : ""}`}>
                <button type="button" className="text-left hover:underline" onClick={() => setSelected(d.document_id)} aria-pressed={selected === d.document_id}>
                  {d.filename} <span className="text-slate-500">({d.pages} {d.content_type === "application/pdf" ? "pages" : d.content_type === "text/csv" ? "file" : "sheets"})</span>
                </button>
                <span className="flex gap-2">
                  <a className="text-sky-700 underline" href={`/api/v1/documents/${encodeURIComponent(d.document_id)}/download`}>
                    File
                  </a>
                  <button type="button" className="text-red-700 underline" onClick={() => void remove(d.document_id)}>
                    Delete
                  </button>
                </span>
              </li>
            ))}
            {documents.length === 0 ? <li className="py-2 text-slate-500">No documents yet.</li> : null}
          </ul>
          <div className="space-y-3 text-sm">
            {selected ? (
              <>
                <div className="flex flex-wrap items-end gap-2">
                  <label>
                    Configuration
                    <select aria-label="Configuration" value={activeConfig} onChange={(e) => setConfigId(e.target.value)} className="mt-1 block rounded border border-slate-300 px-2 py-1">
                      {configurations.map((c) => (
                        <option key={c.configuration_id} value={c.configuration_id}>
                          {c.name} (v{c.version}, {c.method})
                        </option>
                      ))}
                    </select>
                  </label>
                  <Button onClick={extract} disabled={!activeConfig}>
                    Extract tables
                  </Button>
                </div>
                <ol className="space-y-1" aria-label="Timeline">
                  {timeline.map((e) => (
                    <li key={e.id}>
                      <span className="text-slate-500">{new Date(e.created_at).toLocaleTimeString()}</span> {e.type}
                    </li>
                  ))}
                </ol>
              </>
            ) : (
              <p className="text-slate-500">Pick a document to see its timeline and extract its tables.</p>
            )}
          </div>
        </div>
      </Card>

      {job ? (
        <Card
          title="Extraction"
          actions={
            job.status === "succeeded" && tables.length ? (
              <span className="flex gap-2 text-sm">
                <a className="text-sky-700 underline" href={`/api/v1/jobs/${encodeURIComponent(job.job_id)}/tables/download?format=zip`}>
                  All tables (ZIP of CSV)
                </a>
                <a className="text-sky-700 underline" href={`/api/v1/jobs/${encodeURIComponent(job.job_id)}/tables/download?format=xlsx`}>
                  All tables (XLSX)
                </a>
              </span>
            ) : null
          }
        >
          <div className="space-y-4 p-4" data-testid="extraction-job" data-status={job.status}>
            <div>
              <div className="h-2 w-full rounded bg-slate-100" role="progressbar" aria-valuemin={0} aria-valuemax={100} aria-valuenow={Math.round(job.progress * 100)}>
                <div className="h-2 rounded bg-sky-600" style={{ width: `${Math.round(job.progress * 100)}%` }} />
              </div>
              <p className="mt-1 text-sm">
                {job.status}
                {job.stage ? ` · ${job.stage}` : ""}
                {job.message ? ` · ${job.message}` : ""}
              </p>
              {job.error ? (
                <p role="alert" className="text-sm text-red-700">
                  {job.error.detail} ({job.error.type})
                </p>
              ) : null}
            </div>
            {tables.map((t) => (
              <TableView key={t.table_id} summary={t} documentId={jobDocument ?? ""} onExport={exportTable} />
            ))}
          </div>
        </Card>
      ) : null}
    </div>
  );
}
