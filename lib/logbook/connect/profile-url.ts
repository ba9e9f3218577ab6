/**
 * Mountain Project profile URLs as climbers paste them: http or https, with or without `www`,
 * a trailing slash, a query string or fragment, or a tab of the profile (`/ticks`, `/tick-export`).
 * Everything normalises to `https://www.mountainproject.com/user/<id>/<slug>`; any other host or
 * path is refused, so the fetch can only ever reach a profile on the configured site.
 */
const MP_HOSTS = new Set(["mountainproject.com", "www.mountainproject.com"]);
const PROFILE_PATH = /^\/user\/(\d{1,12})\/([a-z0-9][a-z0-9-]{0,99})(?:\/[a-z0-9-]{1,40})?\/?$/i;

export type MpProfile = { userId: string; slug: string; url: string; path: string };

export function normaliseMpProfileUrl(raw: string): MpProfile | null {
  let text = raw.trim();
  if (!/^https?:\/\//i.test(text)) {
    // "mountainproject.com/user/1/x" pasted without a scheme
    if (/^(www\.)?mountainproject\.com\//i.test(text)) text = `https://${text}`;
    else return null;
  }
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    return null;
  }
  if (url.username || url.password || url.port) return null;
  if (!MP_HOSTS.has(url.hostname.toLowerCase())) return null;
  const match = PROFILE_PATH.exec(url.pathname);
  if (!match) return null;
  const userId = match[1];
  const slug = match[2].toLowerCase();
  const path = `/user/${userId}/${slug}`;
  return { userId, slug, path, url: `https://www.mountainproject.com${path}` };
}
