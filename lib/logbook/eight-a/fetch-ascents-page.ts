import { dataSourceError, LogbookError } from "../errors";
import { fetchSite } from "../http/fetch-site";
import type { EightAConfig, EightASession } from "./sign-in";
import { eightAPageSchema, type EightACategory, type EightAPage } from "./types";

/**
 * 8a.nu profile slugs are the user name in lower case with anything but letters and digits turned
 * into hyphens (`Adam Ondra` -> `adam-ondra`).
 */
export function eightASlug(username: string): string {
  return username.trim().toLowerCase().normalize("NFKD").replace(/[\u0300-\u036f]/g, "").replace(/[^a-z0-9]+/g, "-").replace(/^-+|-+$/g, "");
}

/** One page of a user's ascents in one category; an empty `ascents` list ends the walk. */
export async function fetchAscentsPage(
  session: EightASession,
  slug: string,
  category: EightACategory,
  pageIndex: number,
  config: EightAConfig,
): Promise<EightAPage> {
  const url = new URL(`${config.baseUrl}/unificationAPI/ascent/v1/web/users/${encodeURIComponent(slug)}/ascents`);
  url.search = new URLSearchParams({
    category,
    pageIndex: String(pageIndex),
    pageSize: String(config.pageSize),
    sortField: "date_desc",
    includeProjects: "true",
    showRepeats: "true",
    showDuplicates: "false",
  }).toString();
  const response = await fetchSite(url.toString(), { site: "8a.nu", timeoutMs: config.timeoutMs, jar: session.jar, accept: "application/json" });
  if (response.status === 404) {
    await response.body?.cancel();
    throw new LogbookError("ProfileNotFoundError", "8a.nu has no ascents list for that user name");
  }
  if (response.status !== 200) {
    await response.body?.cancel();
    throw dataSourceError(`8a.nu answered HTTP ${response.status} for the ${category} ascents`);
  }
  let json: unknown;
  try {
    json = await response.json();
  } catch {
    throw dataSourceError(`8a.nu sent ${category} page ${pageIndex + 1} in a form that is not JSON`);
  }
  const parsed = eightAPageSchema.safeParse(json);
  if (!parsed.success) throw dataSourceError(`8a.nu sent ${category} page ${pageIndex + 1} without the expected fields`);
  return { category, pageIndex, totalItems: parsed.data.totalItems, ascents: parsed.data.ascents };
}
