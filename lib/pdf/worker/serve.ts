import { parentPort } from "node:worker_threads";
import { AppError } from "@/lib/errors";
import { inspectPdfBytes, reopenPdfBytes } from "../inspect-pdf";
import type { InspectTask, ReopenTask, SerializedError, WorkerReply, WorkerRequest } from "./protocol";

export type TaskContext = { id: number; progress: (pageIndex: number, pageCount: number) => void };

/**
 * The message loop of a PDF worker thread: answers `inspect` and `reopen` itself and hands every other task
 * to `run` (a pipeline's own work, e.g. forms' page and write tasks). One task at a time.
 */
export function serveTasks<Task extends { kind: string }>(run: (task: Task, context: TaskContext) => Promise<unknown>): void {
  const port = parentPort;
  if (!port) throw new Error("A PDF worker must run in a worker thread");
  port.on("message", ({ id, task }: WorkerRequest<Task | InspectTask | ReopenTask>) => {
    port.postMessage({ id, type: "started" } satisfies WorkerReply);
    const progress = (pageIndex: number, pageCount: number) => port.postMessage({ id, type: "progress", pageIndex, pageCount } satisfies WorkerReply);
    const work =
      task.kind === "inspect"
        ? inspectPdfBytes((task as InspectTask).bytes, task as InspectTask)
        : task.kind === "reopen"
          ? reopenPdfBytes((task as ReopenTask).bytes, (task as ReopenTask).expectedPages)
          : run(task as Task, { id, progress });
    work.then(
      (result) => port.postMessage({ id, type: "done", result } satisfies WorkerReply),
      (error) => port.postMessage({ id, type: "error", error: serialize(error) } satisfies WorkerReply),
    );
  });
}

function serialize(error: unknown): SerializedError {
  if (error instanceof AppError) return { name: error.name, message: error.message, app: { type: error.type, status: error.status, details: error.details } };
  const e = error instanceof Error ? error : new Error(String(error));
  return { name: e.name, message: e.message };
}
