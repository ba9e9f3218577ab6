import { getEnv } from "@/lib/env";
import type { EightAConfig } from "./eight-a/sign-in";
import type { MpClientConfig } from "./mountain-project/fetch-tick-export";

export type LogbookConfig = { mp: MpClientConfig; eightA: EightAConfig; credentialTtlMs: number; retentionMs: number };

export function logbookConfig(): LogbookConfig {
  const env = getEnv();
  return {
    mp: { baseUrl: env.LOGBOOK_MP_BASE_URL, timeoutMs: env.LOGBOOK_HTTP_TIMEOUT },
    eightA: { baseUrl: env.LOGBOOK_8A_BASE_URL, authUrl: env.LOGBOOK_8A_AUTH_URL, timeoutMs: env.LOGBOOK_HTTP_TIMEOUT, pageSize: env.LOGBOOK_8A_PAGE_SIZE },
    credentialTtlMs: env.LOGBOOK_CREDENTIAL_TTL,
    retentionMs: env.LOGBOOK_RETENTION,
  };
}
