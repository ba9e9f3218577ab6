import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { LogbookError } from "../errors";
import { cleanMpRows } from "./clean-ticks";
import { fetchTickExport } from "./fetch-tick-export";
import { parseTickExport } from "./parse-tick-export";
import { startMpStandIn, type MpStandIn } from "./testing/mp-stand-in";
import { mpRow, tickExportCsv } from "./testing/tick-export-csv";

let mp: MpStandIn;
beforeAll(async () => {
  mp = await startMpStandIn({
    "/user/1/jane": { rows: [mpRow(), mpRow({ Rating: "V4", "Route Type": "Boulder", Style: "Send", "Lead Style": "" })] },
    "/user/2/down": { status: 503 },
    "/user/3/bad": { csv: tickExportCsv([mpRow()]) + '2024-01-01,"unclosed\n' },
    "/user/4/html": { html: "<!DOCTYPE html><html><body>Please log in</body></html>" },
    "/user/5/slow": { hang: true },
    "/user/6/empty": { rows: [] },
  });
});
afterAll(() => mp.close());

const config = () => ({ baseUrl: mp.url, timeoutMs: 500 });

async function typeOf(work: () => Promise<unknown>): Promise<string> {
  try {
    await work();
  } catch (error) {
    expect(error).toBeInstanceOf(LogbookError);
    return (error as LogbookError).type;
  }
  return "no error";
}

describe("Mountain Project tick export against the stand-in", () => {
  it("downloads and cleans the export", async () => {
    const ticks = cleanMpRows(parseTickExport(await fetchTickExport("/user/1/jane", config())));
    expect(ticks.map((t) => [t.discipline, t.send])).toEqual([["trad", true], ["boulder", true]]);
    expect(mp.requests).toContain("GET /user/1/jane/tick-export");
  });

  it("reads an empty export as no ticks", async () => {
    expect(parseTickExport(await fetchTickExport("/user/6/empty", config()))).toEqual([]);
  });

  it.each([
    ["/user/404/nobody", "ProfileNotFoundError"],
    ["/user/2/down", "DataSourceError"],
    ["/user/5/slow", "DataSourceError"],
  ])("%s -> %s", async (path, type) => {
    expect(await typeOf(() => fetchTickExport(path, config()))).toBe(type);
  });

  it.each(["/user/3/bad", "/user/4/html"])("%s is a DataSourceError once parsed", async (path) => {
    const body = await fetchTickExport(path, config());
    expect(await typeOf(async () => parseTickExport(body))).toBe("DataSourceError");
  });

  it("never fetches a path that is not a profile", async () => {
    expect(await typeOf(() => fetchTickExport("/../admin", config()))).toBe("ProfileNotFoundError");
  });
});
