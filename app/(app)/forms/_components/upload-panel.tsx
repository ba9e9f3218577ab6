"use client";

import { useId, useRef, useState, type DragEvent } from "react";
import { ApiError } from "@/app/_components/api";
import { JobErrorBox } from "@/app/_components/jobs/error-box";
import { Button } from "@/app/_components/ui/button";
import { formatBytes } from "@/lib/forms/format-bytes";
import type { FormsLimits } from "./types";

type Options = { dpi?: number; raster?: boolean };
type Refusal = { type: string; detail: string };

const DPI_CHOICES = [100, 144, 200, 300];

/** POSTs the upload with XHR (fetch cannot report upload progress); options go first so they are checked before the file streams. */
function send(file: File, options: Options, onProgress: (fraction: number) => void): Promise<{ job_id: string }> {
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open("POST", "/api/v1/forms");
    xhr.setRequestHeader("accept", "application/json");
    xhr.upload.onprogress = (e) => e.lengthComputable && onProgress(e.loaded / e.total);
    xhr.onload = () => {
      let body: { job_id?: string; error?: { type: string; message: string; details?: ApiError["details"] }; request_id?: string } | null = null;
      try {
        body = JSON.parse(xhr.responseText);
      } catch {
        // Not JSON (a proxy's error page): reported by status below.
      }
      if (xhr.status === 202 && body?.job_id) return resolve({ job_id: body.job_id });
      if (body?.error) return reject(new ApiError(xhr.status, body.error.type, body.error.message, body.error.details, body.request_id));
      reject(new ApiError(xhr.status, "HttpError", `The server answered ${xhr.status}`));
    };
    xhr.onerror = () => reject(new ApiError(0, "NetworkError", "The upload was interrupted; check your connection and try again"));
    const form = new FormData();
    if (options.dpi !== undefined || options.raster !== undefined) form.append("options", JSON.stringify(options));
    form.append("file", file);
    xhr.send(form);
  });
}

/** The browser's own look at the file, so the common mistakes are explained before any upload. */
async function precheck(file: File, limits: FormsLimits): Promise<Refusal | null> {
  if (file.size === 0) return { type: "EmptyFileError", detail: `${file.name} is empty` };
  if (file.size > limits.maxBytes) return { type: "PayloadTooLargeError", detail: `${file.name} is ${formatBytes(file.size)}; the limit is ${formatBytes(limits.maxBytes)}` };
  const head = await file.slice(0, 1024).text();
  if (!head.includes("%PDF-")) return { type: "UnsupportedMediaTypeError", detail: `${file.name} is not a PDF file` };
  return null;
}

/**
 * Picking a PDF (drag and drop, or the file button, which works from the keyboard), the options
 * the pipeline supports, and the upload with its progress. Refusals show their type and what to do.
 */
export function UploadPanel({ limits, onQueued }: { limits: FormsLimits; onQueued: (jobId: string) => void }) {
  const inputId = useId();
  const input = useRef<HTMLInputElement>(null);
  const [file, setFile] = useState<File | null>(null);
  const [dragging, setDragging] = useState(false);
  const [dpi, setDpi] = useState<number | "">("");
  const [raster, setRaster] = useState(limits.rasterDefault);
  const [progress, setProgress] = useState<number | null>(null);
  const [refusal, setRefusal] = useState<Refusal | null>(null);
  const explanations = limits.explanations;

  async function choose(picked: File | undefined) {
    setRefusal(null);
    if (!picked) return;
    setFile(picked);
    setRefusal(await precheck(picked, limits));
  }

  function onDrop(e: DragEvent) {
    e.preventDefault();
    setDragging(false);
    void choose(e.dataTransfer.files[0]);
  }

  async function submit() {
    if (!file || refusal) return;
    setProgress(0);
    try {
      const options: Options = { ...(dpi ? { dpi } : {}), ...(raster !== limits.rasterDefault ? { raster } : {}) };
      const { job_id } = await send(file, options, setProgress);
      onQueued(job_id);
    } catch (error) {
      const e = error instanceof ApiError ? error : new ApiError(0, "NetworkError", String(error));
      const fields = Array.isArray(e.details) ? e.details.map((d) => `${d.path ?? ""}: ${d.message}`).join("\n") : "";
      setRefusal({ type: e.type, detail: [e.message, fields].filter(Boolean).join("\n") });
      setProgress(null);
    }
  }

  const uploading = progress !== null;
  return (
    <div className="space-y-4" data-testid="forms-upload">
      <div
        onDragOver={(e) => {
          e.preventDefault();
          setDragging(true);
        }}
        onDragLeave={() => setDragging(false)}
        onDrop={onDrop}
        data-testid="forms-dropzone"
        className={`flex flex-col items-center rounded-lg border-2 border-dashed px-6 py-10 text-center transition-colors ${dragging ? "border-indigo-500 bg-indigo-50" : "border-slate-300 bg-slate-50"}`}
      >
        <p className="text-base font-medium text-slate-900">{file ? file.name : "Drop a PDF here"}</p>
        <p className="mt-1 text-sm text-slate-600">
          {file ? `${formatBytes(file.size)} · ` : "or "}
          <label htmlFor={inputId} className="cursor-pointer font-medium text-indigo-700 underline-offset-2 hover:underline focus-within:underline">
            {file ? "choose another file" : "choose a file"}
          </label>
        </p>
        <input
          ref={input}
          id={inputId}
          type="file"
          accept="application/pdf,.pdf"
          className="sr-only focus-visible:not-sr-only"
          aria-describedby={`${inputId}-limits`}
          onChange={(e) => void choose(e.target.files?.[0])}
          disabled={uploading}
          data-testid="forms-file-input"
        />
        <Button variant="secondary" size="sm" className="mt-3" onClick={() => input.current?.click()} disabled={uploading}>
          Choose PDF…
        </Button>
        <p id={`${inputId}-limits`} className="mt-3 text-xs text-slate-600">
          PDF up to {formatBytes(limits.maxBytes)} and {limits.maxPages} pages. Existing form fields are kept. Results are kept for {limits.retentionHours} hours.
        </p>
      </div>

      <fieldset className="grid gap-4 sm:grid-cols-2" disabled={uploading}>
        <legend className="sr-only">Processing options</legend>
        <div>
          <label htmlFor={`${inputId}-dpi`} className="block text-sm font-medium text-slate-800">
            Detection resolution
          </label>
          <select
            id={`${inputId}-dpi`}
            value={dpi}
            onChange={(e) => setDpi(e.target.value ? Number(e.target.value) : "")}
            className="mt-1 block w-full rounded-md border-0 bg-white px-3 py-2 text-sm text-slate-900 shadow-sm ring-1 ring-slate-300 ring-inset focus:ring-2 focus:ring-indigo-600"
          >
            <option value="">Default ({limits.dpi} DPI)</option>
            {DPI_CHOICES.filter((d) => d >= limits.dpiRange.min && d <= limits.dpiRange.max && d !== limits.dpi).map((d) => (
              <option key={d} value={d}>
                {d} DPI{d > limits.dpi ? " (small print; slower)" : " (faster)"}
              </option>
            ))}
          </select>
        </div>
        <div className="flex items-start gap-2 sm:pt-6">
          <input id={`${inputId}-raster`} type="checkbox" checked={raster} onChange={(e) => setRaster(e.target.checked)} className="mt-0.5 size-4 rounded border-slate-300 text-indigo-600" />
          <label htmlFor={`${inputId}-raster`} className="text-sm text-slate-800">
            Use the image model
            <span className="block text-xs text-slate-600">Needed for scanned pages; finds fields the drawing alone does not show.</span>
          </label>
        </div>
      </fieldset>

      {refusal ? <JobErrorBox error={refusal} explanations={explanations} title="This file cannot be processed" /> : null}

      {uploading ? (
        <div>
          <div className="flex justify-between text-sm text-slate-700">
            <span>Uploading {file?.name}</span>
            <span className="tabular-nums">{Math.round((progress ?? 0) * 100)}%</span>
          </div>
          <div role="progressbar" aria-label="Upload progress" aria-valuemin={0} aria-valuemax={100} aria-valuenow={Math.round((progress ?? 0) * 100)} className="mt-1 h-2 w-full overflow-hidden rounded-full bg-slate-200">
            <div className="h-full rounded-full bg-indigo-600 transition-[width]" style={{ width: `${Math.round((progress ?? 0) * 100)}%` }} />
          </div>
          <p className="mt-1 text-xs text-slate-600">The file is checked as it arrives; processing starts right after.</p>
        </div>
      ) : null}

      <Button onClick={() => void submit()} disabled={!file || !!refusal} busy={uploading} data-testid="forms-submit">
        Make fillable
      </Button>
    </div>
  );
}
