import type { ProcessPageOptions } from "../page/process-page";

/** Work a forms worker thread does; every task reads and writes files and returns a small result. */
export type WorkerTask =
  | { kind: "inspect"; bytes: Uint8Array; maxPages: number }
  | { kind: "page"; inputPath: string; index: number; options: ProcessPageOptions }
  | { kind: "write"; inputPath: string; fieldsPath: string; outputPath: string };

export type SerializedError = { name: string; message: string; app?: { type: string; status: number; details?: unknown } };

export type WorkerReply =
  /** The worker picked the task up (its time limit starts now, not while the thread boots). */
  | { id: number; type: "started" }
  | { id: number; type: "progress"; pageIndex: number; pageCount: number }
  | { id: number; type: "done"; result: unknown }
  | { id: number; type: "error"; error: SerializedError };

export type WorkerRequest = { id: number; task: WorkerTask };
