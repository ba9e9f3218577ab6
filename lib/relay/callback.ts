import { createHash } from "node:crypto";
import { db } from "@/lib/db";
import { notFound, validationFailed } from "@/lib/errors";
import { isTerminal } from "@/lib/jobs";
import { readSignedBody, zodDetails, type SignatureProblem } from "@/lib/http";
import { isAppError } from "@/lib/errors";
import { callbackConflict } from "./errors";
import { relayStatus } from "./read";
import { callbackSchema, type RelayCallback, type RelayStatus } from "./schemas";
import { n8nRelayConfig } from "./settings";
import { noteOnTimeline } from "./timeline";

const MAX_CALLBACK_BYTES = 16 * 1024;

export type CallbackOutcome = { jobId: string; workspaceId: string; status: RelayStatus; changed: boolean };

/** The callback's content, normalised, as a digest: the same result sent twice is the same digest. */
function digestOf(callback: RelayCallback): string {
  const canonical = JSON.stringify([callback.status, callback.notion_page_url ?? null, callback.message ?? null]);
  return createHash("sha256").update(canonical).digest("hex");
}

/**
 * The workflow's callback for a job: bad signature 401, unknown job 404, invalid body 422, the same
 * result again 200 without change, a different one once a result is in 409. An accepted callback
 * is stored before anything else happens (the run reads it from here if its event is missed).
 * Every answer for a known job goes on its timeline, refusals included.
 */
export async function receiveCallback(req: Request, jobId: string): Promise<CallbackOutcome> {
  const config = n8nRelayConfig();
  const prisma = await db();
  // The signature is checked before the job is looked up, so an unsigned caller learns nothing about ids.
  let text: string | undefined;
  let signatureError: unknown;
  try {
    ({ text } = await readSignedBody(req, { secret: config.signingSecret, maxBytes: MAX_CALLBACK_BYTES }));
  } catch (error) {
    signatureError = error;
  }
  const row = await prisma.relayJob.findUnique({ where: { jobId } });
  const refuse = async (error: unknown, reason: string) => {
    if (row) await noteOnTimeline(jobId, "callback.refused", `Callback refused: ${reason}`, { reason });
    return error;
  };
  if (signatureError !== undefined || text === undefined) {
    const error = signatureError;
    const reason = isAppError(error) && error.status === 401 ? `signature ${(error.details as { reason: SignatureProblem }).reason}` : "unreadable body";
    throw await refuse(error, reason);
  }
  if (!row) throw notFound("Relay job");
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw await refuse(validationFailed("The callback body is not valid JSON"), "invalid JSON");
  }
  const parsed = callbackSchema.safeParse(json);
  if (!parsed.success) throw await refuse(validationFailed("Invalid callback", zodDetails(parsed.error, "body")), "invalid body");
  const callback = parsed.data;
  const digest = digestOf(callback);

  // Store-or-compare under a row lock, so two deliveries at once cannot both be "first".
  const outcome = await prisma.$transaction(async (tx) => {
    await tx.$queryRaw`SELECT job_id FROM relay_jobs WHERE job_id = ${jobId} FOR UPDATE`;
    const current = await tx.relayJob.findUniqueOrThrow({ where: { jobId }, include: { job: { select: { status: true } } } });
    if (current.callbackDigest) return current.callbackDigest === digest ? "repeat" : "conflict";
    if (isTerminal(current.job.status)) return "conflict";
    await tx.relayJob.update({
      where: { jobId },
      data: {
        callbackStatus: callback.status,
        notionPageUrl: callback.status === "success" ? callback.notion_page_url : null,
        resultMessage: callback.message ?? null,
        callbackDigest: digest,
        callbackAt: new Date(),
      },
    });
    return "stored";
  });
  if (outcome === "conflict") throw await refuse(callbackConflict(), "a different result for a finished job");
  await noteOnTimeline(
    jobId,
    outcome === "stored" ? "callback.accepted" : "callback.repeated",
    outcome === "stored" ? `The workflow called back: ${callback.status}` : "The same callback again; nothing changed",
    { status: callback.status },
  );
  const job = await prisma.job.findUniqueOrThrow({ where: { id: jobId }, select: { status: true } });
  return { jobId, workspaceId: row.workspaceId, status: relayStatus(job), changed: outcome === "stored" };
}

/** The stored callback of a job, if one has come in. */
export async function storedCallback(jobId: string): Promise<RelayCallback | null> {
  const row = await (await db()).relayJob.findUnique({ where: { jobId } });
  if (!row?.callbackStatus) return null;
  return row.callbackStatus === "success"
    ? { status: "success", notion_page_url: row.notionPageUrl ?? "", ...(row.resultMessage ? { message: row.resultMessage } : {}) }
    : { status: "failure", message: row.resultMessage ?? "The workflow failed" };
}
