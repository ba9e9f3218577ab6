import type { StageSpec } from "@/lib/jobs/stages";
import { jobWorkArea } from "@/lib/storage";
import type { SourceKind } from "../ticks/types";

/** `jobs.kind` of every logbook sync. */
export const LOGBOOK_JOB_KIND = "logbook";

export type LogbookJobRef = { jobId: string; workspaceId: string; sourceId: string };

/** The job's stored input: what was connected, never a password. */
export type LogbookJobInput = { source_id: string; source: SourceKind; profile_url?: string; username?: string };

/** In order, with each stage's share of the progress bar. Fetching (the network) takes most of the time. */
export const LOGBOOK_STAGES = [
  { name: "fetching", label: "Fetch the ticks", share: 0.6 },
  { name: "cleaning", label: "Clean them", share: 0.12 },
  { name: "exporting", label: "Export the CSV", share: 0.1 },
  { name: "analyzing", label: "Compute the pyramids", share: 0.06 },
  { name: "saving", label: "Save", share: 0.11 },
] as const satisfies readonly StageSpec[];
export type LogbookStage = (typeof LOGBOOK_STAGES)[number]["name"];

/** The job's folder in storage: raw download, cleaned ticks, result CSV. */
export const jobFolder = (ref: Pick<LogbookJobRef, "workspaceId" | "jobId">) => jobWorkArea({ kind: LOGBOOK_JOB_KIND, ...ref }).folderKey;
