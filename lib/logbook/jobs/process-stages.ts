import { completeJob } from "@/lib/jobs";
import { jobWorkArea, storage } from "@/lib/storage";
import { logbookConfig } from "../config";
import { cleanEightAPages } from "../eight-a/clean-ascents";
import type { EightAPage } from "../eight-a/types";
import { cleanMpRows } from "../mountain-project/clean-ticks";
import { parseTickExport } from "../mountain-project/parse-tick-export";
import { computePyramids, type DisciplinePyramid } from "../pyramid";
import { ticksToCsv } from "../ticks/export-csv";
import type { CleanTick, SourceKind } from "../ticks/types";
import { saveSync } from "../store/save-sync";
import { reportStage, jobStopped } from "./progress";
import { LOGBOOK_JOB_KIND, type LogbookJobRef } from "./types";
import { readWorkFile, removeWorkFiles, writeWorkFile } from "./work-files";

export type RawInput = { kind: "mountain_project"; rawKey: string } | { kind: "eight_a"; pages: EightAPage[] };

/** Stage **cleaning**: parse and clean every tick; the cleaned list is the job's `clean.json`. */
export async function cleanStage(ref: LogbookJobRef, raw: RawInput): Promise<{ cleanKey: string; count: number; ungraded: number }> {
  await reportStage(ref.jobId, "cleaning", 0, "Cleaning the ticks");
  const ticks = raw.kind === "mountain_project" ? cleanMpRows(parseTickExport(await readWorkFile(raw.rawKey))) : cleanEightAPages(raw.pages);
  const cleanKey = await writeWorkFile(ref, "clean.json", JSON.stringify(ticks));
  const ungraded = ticks.filter((t) => !t.grade).length;
  await reportStage(ref.jobId, "cleaning", 1, `Cleaned ${ticks.length} ${ticks.length === 1 ? "tick" : "ticks"}`, { ticks: ticks.length, ungraded });
  return { cleanKey, count: ticks.length, ungraded };
}

const readClean = async (key: string) => JSON.parse(await readWorkFile(key)) as CleanTick[];

/** Stage **exporting**: the cleaned ticks as `<source>-ticks.csv`, the job's result file (one per job). */
export async function exportStage(ref: LogbookJobRef, kind: SourceKind, cleanKey: string): Promise<{ fileId: string }> {
  await reportStage(ref.jobId, "exporting", 0, "Writing the CSV");
  const csv = ticksToCsv(await readClean(cleanKey));
  const area = jobWorkArea({ kind: LOGBOOK_JOB_KIND, jobId: ref.jobId, workspaceId: ref.workspaceId });
  await storage().put(area.key("result.csv"), Buffer.from(csv, "utf8"));
  // One row per name: a retried step replaces the file and updates its row.
  const file = await area.registerOutput("result.csv", {
    filename: `${kind === "mountain_project" ? "mountain-project" : "8a-nu"}-ticks.csv`,
    contentType: "text/csv; charset=utf-8",
  });
  await reportStage(ref.jobId, "exporting", 1, "Wrote the CSV");
  return { fileId: file.id };
}

/** Stage **analyzing**: a performance pyramid per discipline. */
export async function analyzeStage(ref: LogbookJobRef, cleanKey: string): Promise<DisciplinePyramid[]> {
  await reportStage(ref.jobId, "analyzing", 0, "Computing the pyramids");
  const pyramids = computePyramids(await readClean(cleanKey));
  await reportStage(ref.jobId, "analyzing", 1, `Computed ${pyramids.length} ${pyramids.length === 1 ? "pyramid" : "pyramids"}`);
  return pyramids;
}

/**
 * Stage **saving**: ticks and pyramids replace the source's previous sync (idempotently), the job
 * succeeds with its CSV and summary, and the work files go. An empty export succeeds with a warning.
 */
export async function saveStage(
  ref: LogbookJobRef,
  done: { cleanKey: string; fileId: string; pyramids: DisciplinePyramid[]; ungraded: number },
  now: () => Date = () => new Date(),
) {
  await reportStage(ref.jobId, "saving", 0, "Saving the ticks");
  const ticks = await readClean(done.cleanKey);
  const saved = await saveSync(ref, ticks, done.pyramids, now());
  const warnings: string[] = [];
  if (ticks.length === 0) warnings.push("The logbook has no ticks yet: nothing was imported.");
  if (done.ungraded > 0) warnings.push(`${done.ungraded} ${done.ungraded === 1 ? "tick has" : "ticks have"} a grade that could not be read; they are kept but left out of the pyramids.`);
  const result = {
    source_id: ref.sourceId,
    tick_count: ticks.length,
    added: saved.added,
    removed: saved.removed,
    disciplines: done.pyramids.map((p) => ({ discipline: p.discipline, top_grade: p.top_grade })),
    warnings,
  };
  const transition = await completeJob(ref.jobId, {
    resultFileId: done.fileId,
    result,
    message: ticks.length === 0 ? `Synced 0 ticks. Warning: ${warnings[0]}` : `Synced ${ticks.length} ${ticks.length === 1 ? "tick" : "ticks"}`,
    expiresAt: new Date(now().getTime() + logbookConfig().retentionMs),
  });
  if (!transition.applied) throw jobStopped(transition.job.status);
  await removeWorkFiles(ref, ["raw.csv", "clean.json"]);
  return result;
}
