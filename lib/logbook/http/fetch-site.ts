import { dataSourceError } from "../errors";
import type { CookieJar } from "./cookie-jar";

export type SiteRequest = {
  /** Named in errors ("Mountain Project", "8a.nu"); the URL is not (it may hold a user's slug). */
  site: string;
  timeoutMs: number;
  jar?: CookieJar;
  method?: "GET" | "POST";
  form?: URLSearchParams;
  accept?: string;
};

const USER_AGENT = "Conveyor-Logbook/1.0 (+https://github.com/conveyor)";

/**
 * One request, no automatic redirects (the caller follows them so cookies are kept per host), with
 * a timeout. Network failures and timeouts become DataSourceErrors that name the site only.
 */
export async function fetchSite(url: string, req: SiteRequest): Promise<Response> {
  const headers: Record<string, string> = { "user-agent": USER_AGENT, accept: req.accept ?? "*/*" };
  const cookie = req.jar?.header(url);
  if (cookie) headers.cookie = cookie;
  if (req.form) headers["content-type"] = "application/x-www-form-urlencoded";
  let response: Response;
  try {
    response = await fetch(url, {
      method: req.method ?? "GET",
      headers,
      body: req.form?.toString(),
      redirect: "manual",
      signal: AbortSignal.timeout(req.timeoutMs),
    });
  } catch (error) {
    const name = (error as Error).name;
    throw dataSourceError(
      name === "TimeoutError" || name === "AbortError"
        ? `${req.site} did not answer within ${Math.round(req.timeoutMs / 1000)} s`
        : `${req.site} could not be reached`,
    );
  }
  req.jar?.store(url, response);
  return response;
}

/** Follows redirects by hand (at most `max`), keeping each host's cookies; returns the final answer and its URL. */
export async function fetchFollowing(url: string, req: SiteRequest, max = 10): Promise<{ response: Response; url: string }> {
  let current = url;
  let response = await fetchSite(current, req);
  for (let hops = 0; response.status >= 300 && response.status < 400 && response.headers.get("location"); hops++) {
    if (hops >= max) throw dataSourceError(`${req.site} redirected too many times`);
    await response.body?.cancel();
    current = new URL(response.headers.get("location")!, current).toString();
    response = await fetchSite(current, { ...req, method: "GET", form: undefined });
  }
  return { response, url: current };
}
