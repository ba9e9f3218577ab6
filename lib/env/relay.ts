import { z } from "zod";
import { byteSize, duration, optionalString } from "./parsers";

const httpUrl = () =>
  optionalString().pipe(
    z
      .url()
      .refine((v) => /^https?:\/\//i.test(v), "must be an http:// or https:// URL")
      .optional(),
  );

/**
 * The Notion relay (lib/relay): where the n8n workflow's webhook is, the secret both sides sign
 * with, and the limits. Without RELAY_N8N_WEBHOOK_URL and RELAY_SIGNING_SECRET the pipeline is off
 * (uploads answer 503); a value that is set but invalid stops the app at start.
 */
export const relaySettings = {
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
