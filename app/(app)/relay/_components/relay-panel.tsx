"use client";

import { useCallback, useEffect, useId, useRef, useState, type DragEvent } from "react";
import { Button } from "@/app/_components/ui/button";
import { type Column, DataTable } from "@/app/_components/ui/data-table";
import { Card } from "@/app/_components/ui/page-header";
import { StatusBadge } from "@/app/_components/ui/status-badge";
import { DateTime } from "@/app/_components/ui/time";
import type { RelayJobResponse, RelayStatus } from "@/lib/relay/schemas";
import type { RelayMode } from "@/lib/relay/settings";

type Props = { initialJobs: RelayJobResponse[]; maxBytes: number; defaultDatabaseId: string | null; mode: RelayMode };

/** The four steps the page shows; in direct mode Conveyor itself sends the image to Notion. */
const STEPS: Record<RelayMode, readonly { id: string; label: string }[]> = {
  n8n: [
    { id: "queued", label: "Queued" },
    { id: "sent", label: "Sent to the workflow" },
    { id: "waiting", label: "Waiting for Notion" },
    { id: "done", label: "Done" },
  ],
  notion: [
    { id: "queued", label: "Queued" },
    { id: "sent", label: "Uploading to Notion" },
    { id: "waiting", label: "Creating the page" },
    { id: "done", label: "Done" },
  ],
};

/** Where a job is among the four steps the page shows. */
function stepOf(job: RelayJobResponse): number {
  if (job.status === "success" || job.status === "failure") return 3;
  if (job.stage === "waiting") return 2;
  if (job.stage === "dispatching") return 1;
  return 0;
}

async function readError(res: Response): Promise<string> {
  try {
    const body = (await res.json()) as { error?: { type: string; message: string } };
    if (body.error) return `${body.error.message} (${body.error.type})`;
  } catch {
    // Not JSON: fall through.
  }
  return `The server answered ${res.status}`;
}

function JobStatus({ job, mode }: { job: RelayJobResponse; mode: RelayMode }) {
  const at = stepOf(job);
  return (
    <div className="space-y-3" data-testid="relay-job" data-status={job.status}>
      <ol className="flex flex-wrap gap-2 text-sm" aria-label="Progress">
        {STEPS[mode].map((step, i) => (
          <li
            key={step.id}
            aria-current={i === at ? "step" : undefined}
            className={`rounded-full px-3 py-1 ${i < at || (i === at && i === 3) ? "bg-emerald-100 text-emerald-900" : i === at ? "bg-sky-100 text-sky-900" : "bg-zinc-100 text-zinc-500"}`}
          >
            {step.label}
          </li>
        ))}
      </ol>
      {job.status === "success" && job.notion_page_url ? (
        <p>
          Created in Notion:{" "}
          <a className="font-medium text-sky-700 underline" href={job.notion_page_url} target="_blank" rel="noreferrer noopener">
            open the page
          </a>
        </p>
      ) : null}
      {job.status === "failure" ? (
        <p role="alert" className="text-red-700">
          {job.result_message ?? "The job failed"}
          {job.error ? <span className="text-zinc-500"> ({job.error.type})</span> : null}
        </p>
      ) : null}
    </div>
  );
}

function RelayResult({ job }: { job: RelayJobResponse }) {
  if (job.notion_page_url) {
    return (
      <a className="text-sky-700 underline" href={job.notion_page_url} target="_blank" rel="noreferrer noopener">
        Notion page
      </a>
    );
  }
  return <span>{job.result_message ?? ""}</span>;
}

const RECENT_COLUMNS: Column<RelayJobResponse>[] = [
  { header: "File", cell: (job) => <span className="break-all">{job.filename}</span> },
  { header: "Status", className: "w-32", cell: (job) => <StatusBadge status={job.status} /> },
  { header: "Created", className: "w-48", cell: (job) => <DateTime value={job.created_at} /> },
  { header: "Result", cell: (job) => <RelayResult job={job} /> },
];

export function RelayPanel({ initialJobs, maxBytes, defaultDatabaseId, mode }: Props) {
  const inputId = useId();
  const input = useRef<HTMLInputElement>(null);
  const [file, setFile] = useState<File | null>(null);
  const [preview, setPreview] = useState<string | null>(null);
  const [databaseId, setDatabaseId] = useState("");
  const [dragging, setDragging] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [current, setCurrent] = useState<RelayJobResponse | null>(null);
  const [jobs, setJobs] = useState(initialJobs);
  const [filter, setFilter] = useState<RelayStatus | "">("");

  useEffect(() => () => void (preview && URL.revokeObjectURL(preview)), [preview]);

  const refreshList = useCallback(async (status: RelayStatus | "") => {
    const res = await fetch(`/api/v1/relay/jobs?limit=10${status ? `&status=${status}` : ""}`, { headers: { accept: "application/json" } });
    if (res.ok) setJobs(((await res.json()) as { items: RelayJobResponse[] }).items);
  }, []);

  // Live status: poll the job until it is done, then refresh the list.
  useEffect(() => {
    if (!current || current.status === "success" || current.status === "failure") return;
    const timer = setTimeout(async () => {
      const res = await fetch(`/api/v1/relay/jobs/${encodeURIComponent(current.job_id)}`, { headers: { accept: "application/json" } });
      if (res.ok) {
        const next = (await res.json()) as RelayJobResponse;
        setCurrent(next);
        if (next.status === "success" || next.status === "failure") void refreshList(filter);
      }
    }, 1000);
    return () => clearTimeout(timer);
  }, [current, filter, refreshList]);

  function choose(picked: File | undefined) {
    setError(null);
    setCurrent(null);
    if (!picked) return;
    if (picked.size > maxBytes) setError(`${picked.name} is larger than the limit of ${Math.round(maxBytes / 1e6)} MB`);
    else if (picked.size === 0) setError(`${picked.name} is empty`);
    setFile(picked);
    setPreview(picked.type.startsWith("image/") ? URL.createObjectURL(picked) : null);
  }

  function onDrop(e: DragEvent) {
    e.preventDefault();
    setDragging(false);
    choose(e.dataTransfer.files[0]);
  }

  async function submit() {
    if (!file) return;
    setBusy(true);
    setError(null);
    try {
      const form = new FormData();
      if (databaseId.trim()) form.append("notion_database_id", databaseId.trim());
      form.append("file", file);
      const res = await fetch("/api/v1/relay/jobs", { method: "POST", body: form, headers: { accept: "application/json" } });
      if (res.status !== 202) return setError(await readError(res));
      const { job_id } = (await res.json()) as { job_id: string };
      const job = await fetch(`/api/v1/relay/jobs/${encodeURIComponent(job_id)}`);
      setCurrent(job.ok ? ((await job.json()) as RelayJobResponse) : null);
      void refreshList(filter);
    } catch {
      setError("The upload was interrupted; check your connection and try again");
    } finally {
      setBusy(false);
    }
  }

  return (
    <div className="space-y-6">
      <Card title="Send an image">
        <div className="space-y-4">
          <label
            htmlFor={inputId}
            onDragOver={(e) => {
              e.preventDefault();
              setDragging(true);
            }}
            onDragLeave={() => setDragging(false)}
            onDrop={onDrop}
            data-testid="relay-drop"
            className={`flex min-h-40 cursor-pointer flex-col items-center justify-center gap-2 rounded-lg border-2 border-dashed p-6 text-center ${dragging ? "border-sky-500 bg-sky-50" : "border-zinc-300"}`}
          >
            {/* A local blob: preview; next/image cannot optimise those. */}
            {/* eslint-disable-next-line @next/next/no-img-element */}
            {preview ? <img src={preview} alt={`Preview of ${file?.name ?? "the image"}`} className="max-h-48 rounded" /> : null}
            <span>{file ? file.name : "Drop an image here, or choose one"}</span>
            <span className="text-sm text-zinc-500">JPEG, PNG, WebP, GIF, HEIC; up to {Math.round(maxBytes / 1e6)} MB</span>
            <input id={inputId} ref={input} type="file" accept="image/*,.heic,.heif" className="sr-only" onChange={(e) => choose(e.target.files?.[0])} />
          </label>
          <label className="block text-sm">
            Notion database id {defaultDatabaseId ? <span className="text-zinc-500">(default {defaultDatabaseId})</span> : <span className="text-zinc-500">(required: no default is set)</span>}
            <input value={databaseId} onChange={(e) => setDatabaseId(e.target.value)} className="mt-1 block w-full rounded border border-zinc-300 px-2 py-1 font-mono" placeholder="32 hex digits" />
          </label>
          {error ? (
            <p role="alert" className="text-red-700">
              {error}
            </p>
          ) : null}
          <Button onClick={submit} busy={busy} disabled={!file || busy}>
            Send to Notion
          </Button>
          {current ? <JobStatus job={current} mode={mode} /> : null}
        </div>
      </Card>
      <Card
        title="Recent jobs"
        actions={
          <label className="text-sm">
            Status{" "}
            <select
              aria-label="Filter by status"
              value={filter}
              onChange={(e) => {
                const next = e.target.value as RelayStatus | "";
                setFilter(next);
                void refreshList(next);
              }}
              className="rounded border border-zinc-300 px-2 py-1"
            >
              <option value="">All</option>
              <option value="queued">Queued</option>
              <option value="processing">Processing</option>
              <option value="success">Success</option>
              <option value="failure">Failure</option>
            </select>
          </label>
        }
      >
        {jobs.length === 0 ? (
          <p className="text-sm text-zinc-500">No relay jobs{filter ? ` with status ${filter}` : ""} yet.</p>
        ) : (
          <DataTable
            rows={jobs}
            rowKey={(job) => job.job_id}
            caption="Recent relay jobs"
            columns={RECENT_COLUMNS}
            rowAttributes={(job) => ({ "data-job-id": job.job_id, "data-status": job.status })}
            card={(job) => (
              <div className="space-y-1 px-1 py-3">
                <div className="flex items-center justify-between gap-2">
                  <span className="truncate font-medium text-slate-900">{job.filename}</span>
                  <StatusBadge status={job.status} />
                </div>
                <div className="flex justify-between gap-2 text-xs text-slate-600">
                  <DateTime value={job.created_at} />
                  <RelayResult job={job} />
                </div>
              </div>
            )}
          />
        )}
      </Card>
    </div>
  );
}
