/** Messages between a PDF worker pool and its threads; the tasks themselves belong to the caller. */
export type SerializedError = { name: string; message: string; app?: { type: string; status: number; details?: unknown } };

export type WorkerReply =
  /** The worker picked the task up (its time limit starts now, not while the thread boots). */
  | { id: number; type: "started" }
  | { id: number; type: "progress"; pageIndex: number; pageCount: number }
  | { id: number; type: "done"; result: unknown }
  | { id: number; type: "error"; error: SerializedError };

export type WorkerRequest<Task = unknown> = { id: number; task: Task };

/** Tasks every PDF worker answers: the upload checks of `inspectPdfBytes`, and `reopenPdfBytes`. */
export type InspectTask = { kind: "inspect"; bytes: Uint8Array; maxPages: number; maxPageOperators?: number; maxStreamBytes?: number };

/** The cheap re-check of an inspected file (`reopenPdfBytes`). */
export type ReopenTask = { kind: "reopen"; bytes: Uint8Array; expectedPages: number };

/** Any task a pool runs: a `kind` plus the caller's fields (structured-clone-able). */
export type WorkerTask = { kind: string; [field: string]: unknown };
