import { getEnv } from "@/lib/env";
import { relayNotConfigured } from "./errors";

type CommonConfig = {
  defaultDatabaseId: string | undefined;
  maxBytes: number;
  callbackTimeoutMs: number;
  retentionMs: number;
};

/** n8n mode: the workflow creates the page and calls back, signed. */
export type N8nRelayConfig = CommonConfig & {
  mode: "n8n";
  webhookUrl: string;
  signingSecret: string;
  /** The callback route's absolute URL for a job, from APP_URL. */
  callbackUrl(jobId: string): string;
};

/** Direct mode: the relay job calls Notion's API itself. */
export type NotionRelayConfig = CommonConfig & {
  mode: "notion";
  notion: { token: string; baseUrl: string };
};

export type RelayConfig = N8nRelayConfig | NotionRelayConfig;

export type RelayMode = RelayConfig["mode"];

/** The mode RELAY_MODE selects (`n8n` unless set), whether or not it is fully configured. */
export function relayMode(): RelayMode {
  return getEnv().RELAY_MODE;
}

/**
 * Whether the relay is on: n8n mode needs the workflow's webhook URL and the shared signing secret;
 * direct mode needs NOTION_TOKEN (the settings check refuses to start without it).
 */
export function relayEnabled(): boolean {
  const env = getEnv();
  if (env.RELAY_MODE === "notion") return Boolean(env.NOTION_TOKEN);
  return Boolean(env.RELAY_N8N_WEBHOOK_URL && env.RELAY_SIGNING_SECRET);
}

/** The relay's settings for its mode (RELAY_* and NOTION_* in lib/env/relay.ts); 503 RelayNotConfiguredError while it is off. */
export function relayConfig(): RelayConfig {
  const env = getEnv();
  const common: CommonConfig = {
    defaultDatabaseId: env.RELAY_NOTION_DATABASE_ID,
    maxBytes: env.RELAY_MAX_BYTES,
    callbackTimeoutMs: env.RELAY_CALLBACK_TIMEOUT,
    retentionMs: env.RELAY_RETENTION,
  };
  if (env.RELAY_MODE === "notion") {
    if (!env.NOTION_TOKEN) throw relayNotConfigured("notion");
    return { ...common, mode: "notion", notion: { token: env.NOTION_TOKEN, baseUrl: env.NOTION_BASE_URL.replace(/\/+$/, "") } };
  }
  if (!env.RELAY_N8N_WEBHOOK_URL || !env.RELAY_SIGNING_SECRET) throw relayNotConfigured("n8n");
  return {
    ...common,
    mode: "n8n",
    webhookUrl: env.RELAY_N8N_WEBHOOK_URL,
    signingSecret: env.RELAY_SIGNING_SECRET,
    callbackUrl: (jobId) => `${env.appUrl}/api/v1/relay/jobs/${encodeURIComponent(jobId)}/callback`,
  };
}

/** The n8n mode's settings; a callback or dispatch in direct mode is refused as not configured. */
export function n8nRelayConfig(): N8nRelayConfig {
  const config = relayConfig();
  if (config.mode !== "n8n") throw relayNotConfigured("n8n", "RELAY_MODE=notion creates pages directly; there is no n8n workflow to call back");
  return config;
}
