import { z } from "zod";
import { byteSize, duration, optionalString } from "./parsers";

export const RELAY_MODES = ["n8n", "notion"] as const;

const httpUrl = () =>
  optionalString().pipe(
    z
      .url()
      .refine((v) => /^https?:\/\//i.test(v), "must be an http:// or https:// URL")
      .optional(),
  );

/**
 * The Notion relay (lib/relay). RELAY_MODE=n8n (default): where the n8n workflow's webhook is and
 * the secret both sides sign with; without RELAY_N8N_WEBHOOK_URL and RELAY_SIGNING_SECRET the
 * pipeline is off (uploads answer 503). RELAY_MODE=notion: Conveyor calls Notion's API itself with
 * NOTION_TOKEN, which must then be set (checkRelaySettings). A value that is set but invalid stops
 * the app at start.
 */
export const relaySettings = {
  /** `n8n`: hand the image to the n8n workflow; `notion`: create the page directly with NOTION_TOKEN. */
  RELAY_MODE: optionalString().pipe(z.enum(RELAY_MODES, { error: "must be `n8n` or `notion`" }).default("n8n")),
  /** The Notion integration's secret (direct mode only); never logged or stored. */
  NOTION_TOKEN: optionalString().pipe(z.string().min(20, "must be a Notion integration token (ntn_… or secret_…)").optional()),
  /** Notion's API base URL (direct mode); tests point it at a stand-in. */
  NOTION_BASE_URL: optionalString().pipe(
    z
      .url()
      .refine((v) => /^https?:\/\//i.test(v), "must be an http:// or https:// URL")
      .default("https://api.notion.com"),
  ),
  /** The n8n Webhook node's production URL (…/webhook/<path>); unset: the relay is off. */
  RELAY_N8N_WEBHOOK_URL: httpUrl(),
  /** Shared HMAC secret for the dispatch and the workflow's callbacks; at least 32 characters. */
  RELAY_SIGNING_SECRET: optionalString().pipe(z.string().min(32, "must be at least 32 characters (e.g. `openssl rand -hex 32`)").optional()),
  /** The Notion database pages go to when an upload names none (32 hex digits, dashes allowed). */
  RELAY_NOTION_DATABASE_ID: optionalString().pipe(
    z
      .string()
      .regex(/^[0-9a-f]{8}-?[0-9a-f]{4}-?[0-9a-f]{4}-?[0-9a-f]{4}-?[0-9a-f]{12}$/i, "must be a Notion database id (32 hex digits)")
      .optional(),
  ),
  /** Largest accepted image; Notion's single-part upload limit is 20 MB. */
  RELAY_MAX_BYTES: byteSize("20MB").pipe(z.number().int().min(1).max(20_000_000, "must be at most 20MB (Notion's single-part upload limit)")),
  /** How long a job waits for the workflow's callback before failing with CallbackTimeoutError. */
  RELAY_CALLBACK_TIMEOUT: duration("15m").pipe(z.number().min(1000, "must be at least 1s")),
  /** Uploaded images are deleted this long after the job finishes; the job log stays. */
  RELAY_RETENTION: duration("24h"),
};

/** RELAY_MODE=notion needs NOTION_TOKEN: without it the app stops at start, naming it. */
export function checkRelaySettings(env: { RELAY_MODE: (typeof RELAY_MODES)[number]; NOTION_TOKEN?: string }, ctx: z.RefinementCtx): void {
  if (env.RELAY_MODE === "notion" && !env.NOTION_TOKEN) {
    ctx.addIssue({ code: "custom", path: ["NOTION_TOKEN"], message: "required when RELAY_MODE=notion (the Notion integration's secret)" });
  }
}
