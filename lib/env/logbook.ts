import { z } from "zod";
import { duration, int } from "./parsers";

const baseUrl = (fallback: string) =>
  z
    .url({ protocol: /^https?$/ })
    .default(fallback)
    .transform((url) => url.replace(/\/+$/, ""));

/** The logbook pipeline: where Mountain Project and 8a.nu are reached, how long to wait, page size. */
export const logbookSettings = {
  /** Mountain Project; a profile URL's path (+ /tick-export) is fetched from here. */
  LOGBOOK_MP_BASE_URL: baseUrl("https://www.mountainproject.com"),
  /** 8a.nu: its /login and the ascents API. */
  LOGBOOK_8A_BASE_URL: baseUrl("https://www.8a.nu"),
  /** Vertical-Life's Keycloak, where 8a.nu's sign-in form lives. */
  LOGBOOK_8A_AUTH_URL: baseUrl("https://vlatka.vertical-life.info"),
  /** One request to either site gives up after this long (then the step retries). */
  LOGBOOK_HTTP_TIMEOUT: duration("30s"),
  /** 8a.nu ascents per page (the site's own pages hold 50). */
  LOGBOOK_8A_PAGE_SIZE: int(50, 1, 200),
  /** How long an 8a.nu password waits in memory for its job's sign-in before it is dropped. */
  LOGBOOK_CREDENTIAL_TTL: duration("5m"),
  /** How long the CSV result of a sync can be downloaded. */
  LOGBOOK_RETENTION: duration("24h"),
};
