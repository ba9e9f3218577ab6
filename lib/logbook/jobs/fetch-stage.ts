import { startJob } from "@/lib/jobs";
import { logbookConfig } from "../config";
import { credentialHandOff, sessionHandOff } from "../credentials/hand-off";
import { fetchAscentsPage } from "../eight-a/fetch-ascents-page";
import { signInToEightA, type EightASession } from "../eight-a/sign-in";
import type { EightACategory, EightAPage } from "../eight-a/types";
import { LogbookError, reconnectRequired } from "../errors";
import { fetchTickExport } from "../mountain-project/fetch-tick-export";
import { getSourceForJob } from "../store/sources";
import { reportStage } from "./progress";
import type { LogbookJobRef } from "./types";
import { writeWorkFile } from "./work-files";

/** Stage **fetching**, Mountain Project: the whole export in one request, kept as the job's raw file. */
export async function fetchMpStage(ref: LogbookJobRef): Promise<{ rawKey: string; bytes: number }> {
  await startJob(ref.jobId, { stage: "fetching", message: "Downloading the Mountain Project tick export" });
  const source = await getSourceForJob(ref);
  const csv = await fetchTickExport(source.externalId, logbookConfig().mp);
  const rawKey = await writeWorkFile(ref, "raw.csv", csv);
  await reportStage(ref.jobId, "fetching", 1, "Downloaded the tick export", { bytes: Buffer.byteLength(csv) });
  return { rawKey, bytes: Buffer.byteLength(csv) };
}

/**
 * Stage **fetching**, 8a.nu, one step per page. The first page signs in with the password taken
 * (once) from the in-memory hand-off; the session stays in memory for the following pages and is
 * ended with the last one. The step returns only ascents: nothing that could sign in.
 */
export async function fetchEightAPageStage(
  ref: LogbookJobRef,
  category: EightACategory,
  pageIndex: number,
  fetchedSoFar: number,
): Promise<EightAPage> {
  const config = logbookConfig();
  let session = sessionHandOff.get<EightASession>(ref.jobId);
  if (!session) {
    const credentials = credentialHandOff.peek(ref.jobId);
    if (!credentials) throw reconnectRequired();
    await startJob(ref.jobId, { stage: "fetching", message: "Signing in to 8a.nu" });
    try {
      session = await signInToEightA(credentials, config.eightA);
    } catch (error) {
      // Only an unreachable site keeps the password (for the step's retries, within its TTL).
      if (!(error instanceof LogbookError && error.type === "DataSourceError")) credentialHandOff.discard(ref.jobId);
      throw error;
    }
    credentialHandOff.discard(ref.jobId);
    sessionHandOff.put(ref.jobId, session, config.credentialTtlMs);
  }
  const source = await getSourceForJob(ref);
  const page = await fetchAscentsPage(session, source.externalId, category, pageIndex, config.eightA);
  const label = category === "bouldering" ? "boulders" : "routes";
  const pages = Math.max(1, Math.ceil(page.totalItems / config.eightA.pageSize));
  const fraction = (category === "bouldering" ? 0.5 : 0) + 0.5 * Math.min(1, (pageIndex + 1) / pages);
  await reportStage(ref.jobId, "fetching", fraction, `Fetched ${label} page ${pageIndex + 1} of ${pages} (${fetchedSoFar + page.ascents.length} ascents so far)`, {
    category,
    page: pageIndex + 1,
    pages,
  });
  return page;
}

/** The last page is in: the 8a.nu session is ended and forgotten. Also called when the job fails. */
export function endEightASession(ref: Pick<LogbookJobRef, "jobId">): void {
  sessionHandOff.end(ref.jobId);
  credentialHandOff.discard(ref.jobId);
}
