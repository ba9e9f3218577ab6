import fs from "node:fs/promises";
import type { Job } from "@prisma/client";
import { AppError, conflict, notFound } from "@/lib/errors";
import { getJob, resultExpired } from "@/lib/jobs";
import { workPaths } from "../files";
import { readFieldsFile } from "../pipeline/cleanup";
import type { FieldType } from "../types";
import type { FormsJobInput } from "./options";
import { FORMS_JOB_KIND, formsJobPaths } from "./paths";
import type { FormsResult } from "./run-stages";
import type { FormsFieldsResponse, FormsLastEdit } from "./schemas";

const r2 = (n: number) => Math.round(n * 100) / 100;

/** The workspace's forms job; another workspace's, another pipeline's or an unknown id is the same 404. */
export async function formsJob(workspaceId: string, jobId: string): Promise<Job> {
  const job = await getJob(workspaceId, jobId);
  if (job.kind !== FORMS_JOB_KIND) throw notFound("Forms job");
  if (job.expiredAt) throw resultExpired();
  return job;
}

export function noLongerAvailable(job: Job): AppError {
  return conflict(`The job ${job.status === "failed" ? "failed" : "was canceled"}; its files were removed`, { status: job.status });
}

/**
 * The detected fields of a forms job with each page's size and preview, for drawing fields over
 * the previews. Available once detection finished (409 before, and for failed or canceled jobs;
 * 410 after retention).
 */
export async function getFormsFields(workspaceId: string, jobId: string): Promise<FormsFieldsResponse> {
  const job = await formsJob(workspaceId, jobId);
  if (job.status === "failed" || job.status === "canceled") throw noLongerAvailable(job);
  const file = await readFieldsFile(formsJobPaths({ workspaceId, jobId }).workDir);
  if (!file) throw conflict("The fields are not detected yet; try again once the job reached the writing stage", { status: job.status, stage: job.stage });
  const result = (job.result ?? {}) as Partial<FormsResult> & { last_edit?: FormsLastEdit };
  const counts: Record<FieldType, number> = { text: 0, checkbox: 0, signature: 0 };
  for (const f of file.fields) counts[f.type]++;
  const base = `/api/v1/forms/${encodeURIComponent(job.id)}/pages`;
  return {
    job_id: job.id,
    status: job.status,
    page_count: file.pageCount,
    counts,
    pages: file.pages.map((p) => ({
      page: p.index + 1,
      width: r2(p.size.width),
      height: r2(p.size.height),
      rotation: p.rotation,
      scanned: p.scanned,
      preview_url: `${base}/${p.index + 1}/preview`,
      preview_width: p.preview.width,
      preview_height: p.preview.height,
    })),
    fields: file.fields.map((f) => ({
      name: f.name ?? "",
      type: f.type,
      page: f.page + 1,
      box: { x: r2(f.box.x), y: r2(f.box.y), width: r2(f.box.width), height: r2(f.box.height) },
      label: f.label ?? null,
      ...(f.multiline ? { multiline: true } : {}),
      ...(f.comb ? { comb: f.comb } : {}),
      score: Math.round(f.score * 1000) / 1000,
      source: f.source,
    })),
    warnings: result.warnings ?? [],
    ...(result.last_edit ? { last_edit: result.last_edit } : {}),
  };
}

/**
 * A page's JPEG preview (rendered during the rendering stage, so pages appear as they finish).
 * 404 for a page the document does not have, 409 while it is not rendered yet.
 */
export async function openFormsPreview(workspaceId: string, jobId: string, page: number): Promise<{ handle: fs.FileHandle; size: number }> {
  const job = await formsJob(workspaceId, jobId);
  const pageCount = ((job.input ?? {}) as Partial<FormsJobInput>).page_count ?? 0;
  if (page > pageCount) throw notFound("Page");
  if (job.status === "failed" || job.status === "canceled") throw noLongerAvailable(job);
  const file = workPaths(formsJobPaths({ workspaceId, jobId }).workDir).preview(page - 1);
  try {
    const handle = await fs.open(file, "r");
    return { handle, size: (await handle.stat()).size };
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") throw conflict("This page is not rendered yet", { status: job.status, stage: job.stage });
    throw error;
  }
}
