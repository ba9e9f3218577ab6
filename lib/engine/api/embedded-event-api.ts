import { timingSafeEqual } from "node:crypto";
import { getEnv } from "@/lib/env";
import { isAppError } from "@/lib/errors";
import { readLimitedText } from "@/lib/http";
import { intakeContext } from "../embedded";
import { engineMode } from "../mode";
import { handleEngineApi } from "./handle-engine-api";

/** Inngest's own limit for one request of events. */
const MAX_BODY_BYTES = 3 * 1024 * 1024;

const reply = (status: number, body: unknown) => Response.json(body, { status });

function sameKey(given: string, expected: string): boolean {
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

/**
 * `POST /api/engine/e/{key}` in embedded mode: Inngest's event API for other processes and
 * systems (an Inngest client with INNGEST_EVENT_API_BASE_URL=<app>/api/engine/ and
 * INNGEST_EVENT_KEY=ENGINE_EVENT_KEY). Answers in Inngest's wire format, which SDKs parse.
 */
export async function handleEmbeddedEventRequest(request: Request, key: string): Promise<Response> {
  const expected = getEnv().ENGINE_EVENT_KEY;
  if (engineMode() !== "embedded" || !expected) {
    return reply(404, { status: 404, error: "event intake over HTTP is off (set ENGINE_EVENT_KEY in embedded mode)" });
  }
  if (!sameKey(key, expected)) return reply(401, { status: 401, error: "Event key not found" });
  let body: string;
  try {
    body = await readLimitedText(request, MAX_BODY_BYTES);
  } catch (error) {
    const status = isAppError(error) ? error.status : 400;
    return reply(status, { status, error: (error as Error).message });
  }
  const inner = new Request(`http://engine.internal/e/${encodeURIComponent(key)}`, { method: "POST", body });
  return handleEngineApi(inner, { trusted: false, ctx: await intakeContext(), eventKeys: [expected] });
}
