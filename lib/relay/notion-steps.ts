import { db } from "@/lib/db";
import { isTerminal, stageRunner, updateJobProgress } from "@/lib/jobs";
import { RelayJobError } from "./errors";
import { titleFromFilename } from "./images";
import { readInputImage, type RelayJobRef } from "./job-steps";
import { callNotion, notionClient } from "./notion-api";
import { relayConfig, type NotionRelayConfig } from "./settings";
import { RELAY_STAGES } from "./stages";
import { noteOnTimeline } from "./timeline";

const stages = stageRunner(RELAY_STAGES);

function notionConfig(): NotionRelayConfig["notion"] {
  const config = relayConfig();
  if (config.mode !== "notion") throw new RelayJobError("RelayNotConfiguredError", "RELAY_MODE changed while the job ran; upload the image again");
  return config.notion;
}

async function relayRow(ref: RelayJobRef) {
  return (await db()).relayJob.findFirstOrThrow({ where: { jobId: ref.jobId, workspaceId: ref.workspaceId }, include: { job: true } });
}

/** Nothing more to do: the job is finished (a cancel), or the page exists (a retried step after it was made). */
export type NotionSkip = { skipped: true };

/**
 * Step `notion-data-source`: the database's data source (API 2025-09-03 creates pages under a data
 * source, not a database). Read-only, so a retry is harmless. A database that does not exist or is
 * not shared with the integration is Notion's 404: NotionRejectedError.
 */
export async function resolveNotionDataSource(ref: RelayJobRef): Promise<{ dataSourceId: string } | NotionSkip> {
  const notion = notionConfig();
  const row = await relayRow(ref);
  if (isTerminal(row.job.status) || row.notionPageId) return { skipped: true };
  await updateJobProgress(ref.jobId, { stage: "dispatching", progress: stages.progress("dispatching", 0, 1), message: "Sending to Notion" });
  const client = notionClient(notion);
  const database = await callNotion("reading the database", notion.token, () => client.databases.retrieve({ database_id: row.notionDatabaseId }));
  const dataSourceId = "data_sources" in database ? database.data_sources[0]?.id : undefined;
  if (!dataSourceId) throw new RelayJobError("NotionRejectedError", `The Notion database ${row.notionDatabaseId} has no data source to add pages to`);
  return { dataSourceId };
}

/**
 * Step `notion-upload`: a file upload, then its bytes. The upload's id is on the relay row before
 * the bytes go, so a retry reuses it: an upload already `uploaded` is not sent again, a `pending`
 * one is sent, an expired or failed one is replaced.
 */
export async function uploadImageToNotion(ref: RelayJobRef): Promise<{ fileUploadId: string } | NotionSkip> {
  const notion = notionConfig();
  const prisma = await db();
  const row = await relayRow(ref);
  if (isTerminal(row.job.status) || row.notionPageId) return { skipped: true };
  const client = notionClient(notion);
  let uploadId = row.notionFileUploadId;
  if (uploadId) {
    const id = uploadId;
    const existing = await callNotion("checking the file upload", notion.token, () => client.fileUploads.retrieve({ file_upload_id: id }));
    if (existing.status === "uploaded") return { fileUploadId: id };
    if (existing.status !== "pending") uploadId = null;
  }
  if (!uploadId) {
    const created = await callNotion("creating the file upload", notion.token, () =>
      client.fileUploads.create({ mode: "single_part", filename: row.filename, content_type: row.contentType }),
    );
    uploadId = created.id;
    await prisma.relayJob.update({ where: { jobId: ref.jobId }, data: { notionFileUploadId: uploadId } });
  }
  const file = row.inputFileId ? await prisma.storedFile.findUnique({ where: { id: row.inputFileId } }) : null;
  if (!file) throw new RelayJobError("NotionRejectedError", "The uploaded image is gone");
  const bytes = await readInputImage(file.storageKey);
  const id = uploadId;
  await callNotion("sending the image", notion.token, () =>
    client.fileUploads.send({ file_upload_id: id, file: { filename: row.filename, data: new Blob([new Uint8Array(bytes)], { type: row.contentType }) } }),
  );
  await updateJobProgress(ref.jobId, { stage: "waiting", progress: stages.progress("waiting", 0, 1), message: "Sent to Notion; creating the page" });
  return { fileUploadId: id };
}

/** The image's caption names the job: the mark a retry looks for before it creates a page. */
const jobMark = (jobId: string) => `Conveyor relay job ${jobId}`;

/**
 * A page this job already created but whose answer was lost (a timeout or a 5xx after Notion wrote
 * it): the newest pages of the data source with this title, whose image caption carries the job's
 * mark. Notion has no idempotency key, so this search stands in for one.
 */
async function findCreatedPage(client: ReturnType<typeof notionClient>, token: string, dataSourceId: string, title: string, jobId: string) {
  const candidates = await callNotion("looking for a page made by an earlier try", token, () =>
    client.dataSources.query({
      data_source_id: dataSourceId,
      filter: { property: "title", title: { equals: title } },
      sorts: [{ timestamp: "created_time", direction: "descending" }],
      page_size: 10,
    }),
  );
  for (const candidate of candidates.results) {
    const children = await callNotion("reading a candidate page", token, () => client.blocks.children.list({ block_id: candidate.id, page_size: 10 }));
    const marked = children.results.some((block) => {
      if (!("type" in block) || block.type !== "image") return false;
      return block.image.caption.some((part) => part.plain_text.includes(jobMark(jobId)));
    });
    if (marked) return { id: candidate.id, url: "url" in candidate ? candidate.url : `https://www.notion.so/${candidate.id.replace(/-/g, "")}` };
  }
  return undefined;
}

/**
 * Step `notion-page`: the page under the data source, titled from the file name, with the image
 * block (its caption names the job). Its id and URL are on the relay row (as a `success` result,
 * where n8n's callback puts it) right after Notion answers, so a retried step finds the page and
 * creates no second one; a page whose answer was lost is found by its mark before creating again.
 */
export async function createNotionPage(ref: RelayJobRef, dataSourceId: string, fileUploadId: string): Promise<{ created: boolean }> {
  const notion = notionConfig();
  const prisma = await db();
  const row = await relayRow(ref);
  if (isTerminal(row.job.status) || row.notionPageId) return { created: false };
  const client = notionClient(notion);
  const title = titleFromFilename(row.filename);
  const page =
    (await findCreatedPage(client, notion.token, dataSourceId, title, ref.jobId)) ??
    (await callNotion("creating the page", notion.token, async () => {
      const created = await client.pages.create({
        parent: { type: "data_source_id", data_source_id: dataSourceId },
        // `title` is the id of every database's title property, whatever it is named.
        properties: { title: { title: [{ type: "text", text: { content: title } }] } },
        children: [
          {
            object: "block",
            type: "image",
            image: { type: "file_upload", file_upload: { id: fileUploadId }, caption: [{ type: "text", text: { content: jobMark(ref.jobId) } }] },
          },
        ],
      });
      return { id: created.id, url: "url" in created ? created.url : `https://www.notion.so/${created.id.replace(/-/g, "")}` };
    }));
  const url = page.url;
  await prisma.relayJob.update({
    where: { jobId: ref.jobId },
    data: { notionPageId: page.id, callbackStatus: "success", notionPageUrl: url, callbackAt: new Date() },
  });
  await noteOnTimeline(ref.jobId, "notion.page_created", "Notion created the page", { status: "success" });
  return { created: true };
}
