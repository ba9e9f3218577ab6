import { type Inngest, NonRetriableError } from "inngest";
import { EIGHT_A_CATEGORIES, type EightAPage } from "@/lib/logbook/eight-a/types";
import {
  analyzeStage,
  cleanStage,
  endEightASession,
  exportStage,
  failLogbookJob,
  fetchEightAPageStage,
  fetchMpStage,
  isPermanentLogbookFailure,
  saveStage,
  type RawInput,
} from "@/lib/logbook/jobs";
import { getSourceForJob } from "@/lib/logbook/store/sources";
import { inngest } from "../client";
import { jobCanceled, logbookSyncRequested } from "../events";

async function once<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if (isPermanentLogbookFailure(error)) throw new NonRetriableError((error as Error).message, { cause: error });
    throw error;
  }
}

/** A safety stop: 8a.nu lists 50 a page, so 400 pages is 20,000 ascents per category. */
const MAX_PAGES = 400;

/**
 * logbook-sync: a connected logbook is fetched (8a.nu: one step per page), cleaned, exported as
 * CSV, analysed into pyramids and saved, one durable step per stage. Steps pass storage keys and
 * ascents, never a password or session. DataSourceErrors (site down, timeout, unreadable answer)
 * get two more tries; bad credentials, a missing profile or a lost password fail at once.
 */
export function createLogbookSync(client: Inngest) {
  return client.createFunction(
    {
      id: "logbook-sync",
      name: "Logbook: sync a climbing logbook",
      triggers: [logbookSyncRequested],
      retries: 2,
      cancelOn: [{ event: jobCanceled, if: "async.data.job_id == event.data.job_id" }],
      onFailure: async ({ event, error, step }) => {
        const data = event.data.event.data as { job_id: string; workspace_id: string; source_id: string };
        await step.run("fail-job", () => failLogbookJob({ jobId: data.job_id, workspaceId: data.workspace_id, sourceId: data.source_id }, error));
      },
    },
    async ({ event, step }) => {
      const ref = { jobId: event.data.job_id, workspaceId: event.data.workspace_id, sourceId: event.data.source_id };
      const kind = await step.run("source", () => once(async () => (await getSourceForJob(ref)).kind));
      let raw: RawInput;
      if (kind === "mountain_project") {
        const fetched = await step.run("fetching", () => once(() => fetchMpStage(ref)));
        raw = { kind: "mountain_project", rawKey: fetched.rawKey };
      } else {
        const pages: EightAPage[] = [];
        let fetched = 0;
        for (const category of EIGHT_A_CATEGORIES) {
          for (let pageIndex = 0; pageIndex < MAX_PAGES; pageIndex++) {
            const page = (await step.run(`fetching-${category}-${pageIndex}`, () =>
              once(() => fetchEightAPageStage(ref, category, pageIndex, fetched)),
            )) as EightAPage;
            fetched += page.ascents.length;
            if (page.ascents.length === 0) break;
            pages.push(page);
          }
        }
        await step.run("fetching-done", async () => endEightASession(ref));
        raw = { kind: "eight_a", pages };
      }
      const cleaned = await step.run("cleaning", () => once(() => cleanStage(ref, raw)));
      const exported = await step.run("exporting", () => once(() => exportStage(ref, kind === "eight_a" ? "eight_a" : "mountain_project", cleaned.cleanKey)));
      const pyramids = await step.run("analyzing", () => once(() => analyzeStage(ref, cleaned.cleanKey)));
      const saved = await step.run("saving", () =>
        once(() => saveStage(ref, { cleanKey: cleaned.cleanKey, fileId: exported.fileId, pyramids, ungraded: cleaned.ungraded })),
      );
      return { job_id: ref.jobId, tick_count: saved.tick_count };
    },
  );
}

export const logbookSync = createLogbookSync(inngest);
