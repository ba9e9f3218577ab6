import { getEnv } from "@/lib/env";
import { relayNotConfigured } from "./errors";

export type RelayConfig = {
  webhookUrl: string;
  signingSecret: string;
  defaultDatabaseId: string | undefined;
  maxBytes: number;
  callbackTimeoutMs: number;
  retentionMs: number;
  /** The callback route's absolute URL for a job, from APP_URL. */
  callbackUrl(jobId: string): string;
};

/** Whether the relay is on: it needs the workflow's webhook URL and the shared signing secret. */
export function relayEnabled(): boolean {
  const env = getEnv();
  return Boolean(env.RELAY_N8N_WEBHOOK_URL && env.RELAY_SIGNING_SECRET);
}

/** The relay's settings (RELAY_* in lib/env/relay.ts); 503 RelayNotConfiguredError while it is off. */
export function relayConfig(): RelayConfig {
  const env = getEnv();
  if (!env.RELAY_N8N_WEBHOOK_URL || !env.RELAY_SIGNING_SECRET) throw relayNotConfigured();
  return {
    webhookUrl: env.RELAY_N8N_WEBHOOK_URL,
    signingSecret: env.RELAY_SIGNING_SECRET,
    defaultDatabaseId: env.RELAY_NOTION_DATABASE_ID,
    maxBytes: env.RELAY_MAX_BYTES,
    callbackTimeoutMs: env.RELAY_CALLBACK_TIMEOUT,
    retentionMs: env.RELAY_RETENTION,
    callbackUrl: (jobId) => `${env.appUrl}/api/v1/relay/jobs/${encodeURIComponent(jobId)}/callback`,
  };
}
