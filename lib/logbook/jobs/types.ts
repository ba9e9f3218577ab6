import type { SourceKind } from "../ticks/types";

/** `jobs.kind` of every logbook sync. */
export const LOGBOOK_JOB_KIND = "logbook";

export type LogbookJobRef = { jobId: string; workspaceId: string; sourceId: string };

/** The job's stored input: what was connected, never a password. */
export type LogbookJobInput = { source_id: string; source: SourceKind; profile_url?: string; username?: string };

export const LOGBOOK_STAGES = ["fetching", "cleaning", "exporting", "analyzing", "saving"] as const;
export type LogbookStage = (typeof LOGBOOK_STAGES)[number];

/** Where each stage moves the job's progress bar. Fetching (the network) takes most of the time. */
export const STAGE_SPAN: Record<LogbookStage, [number, number]> = {
  fetching: [0, 0.6],
  cleaning: [0.6, 0.72],
  exporting: [0.72, 0.82],
  analyzing: [0.82, 0.88],
  saving: [0.88, 0.99],
};

/** The job's folder in storage: raw download, cleaned ticks, result CSV. */
export const jobFolder = (ref: Pick<LogbookJobRef, "workspaceId" | "jobId">) => `${ref.workspaceId}/logbook-jobs/${ref.jobId}`;
