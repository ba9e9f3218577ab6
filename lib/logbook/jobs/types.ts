import { jobWorkArea } from "@/lib/storage";
import type { LOGBOOK_STAGES } from "../stages";
import type { SourceKind } from "../ticks/types";

/** `jobs.kind` of every logbook sync. */
export const LOGBOOK_JOB_KIND = "logbook";

export type LogbookJobRef = { jobId: string; workspaceId: string; sourceId: string };

/** The job's stored input: what was connected, never a password. */
export type LogbookJobInput = { source_id: string; source: SourceKind; profile_url?: string; username?: string };

export { LOGBOOK_STAGES } from "../stages";
export type LogbookStage = (typeof LOGBOOK_STAGES)[number]["name"];

/** The job's folder in storage: raw download, cleaned ticks, result CSV. */
export const jobFolder = (ref: Pick<LogbookJobRef, "workspaceId" | "jobId">) => jobWorkArea({ kind: LOGBOOK_JOB_KIND, ...ref }).folderKey;
