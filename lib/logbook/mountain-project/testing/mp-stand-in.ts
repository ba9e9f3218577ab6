import { startStandIn, type RunningStandIn } from "../../testing/http-server";
import type { MpRow } from "../parse-tick-export";
import { tickExportCsv } from "./tick-export-csv";

/**
 * Mountain Project as the pipeline sees it: `/user/<id>/<slug>/tick-export` answers the CSV export
 * (text/csv, as the site sends it). Profiles are registered by path; special behaviours by user id:
 * unknown ids answer 404 (the site's own "not found" page), `down` profiles 503, `malformed` ones a
 * CSV with an unclosed quote, `html` ones a 200 HTML page, `slow` ones nothing for `delayMs`.
 */
export type MpProfileBehaviour =
  | { rows: MpRow[]; delayMs?: number }
  | { csv: string }
  | { status: 503 | 500 }
  | { html: string }
  | { hang: true };

export type MpStandIn = RunningStandIn & { profiles: Map<string, MpProfileBehaviour> };

export async function startMpStandIn(profiles: Record<string, MpProfileBehaviour> = {}, port?: number): Promise<MpStandIn> {
  const map = new Map(Object.entries(profiles));
  const server = await startStandIn(async (req, _body, res) => {
    const url = new URL(req.url ?? "/", "http://stand-in");
    const m = /^\/user\/(\d+)\/([a-z0-9-]+)\/tick-export$/.exec(url.pathname);
    const profile = m ? map.get(`/user/${m[1]}/${m[2]}`) : undefined;
    if (!profile) {
      res.writeHead(404, { "content-type": "text/html; charset=utf-8" });
      res.end("<!DOCTYPE html><html><head><title>Page Not Found | Mountain Project</title></head><body><h1>Sorry, we couldn't find that page.</h1></body></html>");
      return;
    }
    if ("hang" in profile) return; // never answers: the client's timeout must fire
    if ("status" in profile) {
      res.writeHead(profile.status, { "content-type": "text/html" });
      res.end("<html><body>Mountain Project is down for maintenance</body></html>");
      return;
    }
    if ("html" in profile) {
      res.writeHead(200, { "content-type": "text/html; charset=utf-8" });
      res.end(profile.html);
      return;
    }
    if ("rows" in profile && profile.delayMs) await new Promise((r) => setTimeout(r, profile.delayMs));
    const csv = "csv" in profile ? profile.csv : tickExportCsv(profile.rows);
    res.writeHead(200, { "content-type": "text/csv; charset=utf-8", "content-disposition": 'attachment; filename="ticks.csv"' });
    res.end(csv);
  }, port);
  return { ...server, profiles: map };
}
