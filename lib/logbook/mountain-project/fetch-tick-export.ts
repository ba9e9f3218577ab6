import { dataSourceError, profileNotFound } from "../errors";
import { fetchSite } from "../http/fetch-site";

export type MpClientConfig = { baseUrl: string; timeoutMs: number };

/**
 * Downloads a profile's tick export: the profile path (already normalised) + `/tick-export` on
 * the configured base URL. 404 is final (ProfileNotFoundError); 5xx, timeouts and other answers
 * are DataSourceErrors the durable step retries.
 */
export async function fetchTickExport(profilePath: string, config: MpClientConfig): Promise<string> {
  if (!/^\/user\/\d+\/[a-z0-9-]+$/.test(profilePath)) throw profileNotFound();
  const response = await fetchSite(`${config.baseUrl}${profilePath}/tick-export`, {
    site: "Mountain Project",
    timeoutMs: config.timeoutMs,
    accept: "text/csv",
  });
  if (response.status === 404) {
    await response.body?.cancel();
    throw profileNotFound();
  }
  if (response.status !== 200) {
    await response.body?.cancel();
    throw dataSourceError(`Mountain Project answered HTTP ${response.status}`);
  }
  try {
    return await response.text();
  } catch {
    throw dataSourceError("Mountain Project's answer was cut off");
  }
}
