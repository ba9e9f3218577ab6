import { describe, expect, it } from "vitest";
import { LogbookError } from "../errors";
import { cleanMpRows } from "./clean-ticks";
import { parseTickExport } from "./parse-tick-export";
import { mpRow, syntheticRows, tickExportCsv } from "./testing/tick-export-csv";

describe("parseTickExport", () => {
  it("reads the export's columns, multi-line quoted notes included", () => {
    const csv = tickExportCsv([mpRow({ Notes: 'Line one,\nline "two"' }), mpRow({ Route: "Second" })]);
    const rows = parseTickExport(csv);
    expect(rows).toHaveLength(2);
    expect(rows[0].Notes).toBe('Line one,\nline "two"');
    expect(rows[1].Route).toBe("Second");
  });

  it("accepts the header as Mountain Project quotes it and a byte-order mark", () => {
    const csv =
      '\uFEFFDate,Route,Rating,Notes,URL,Pitches,Location,"Avg Stars","Your Stars",Style,"Lead Style","Route Type","Your Rating",Length,"Rating Code"\n' +
      "2023-01-02,Tick,5.7,,https://www.mountainproject.com/route/1/x,1,A > B,2.5,-1,Lead,Redpoint,Sport,,80,1500\n";
    expect(parseTickExport(csv)[0]).toMatchObject({ Route: "Tick", "Lead Style": "Redpoint", Length: "80" });
  });

  it("reads a header-only export as no ticks", () => {
    expect(parseTickExport(tickExportCsv([]))).toEqual([]);
  });

  it.each([
    ["an HTML page", "<!DOCTYPE html><html><body>Sign in</body></html>", /column/],
    ["an unclosed quote", tickExportCsv([mpRow()]) + '2024-01-01,"broken,5.9\n', /not valid CSV/],
    ["a short row", tickExportCsv([mpRow()]) + "2024-01-01,Only,two\n", /not valid CSV/],
    ["an empty body", "", /empty/],
  ])("refuses %s with a DataSourceError that does not quote the body", (_name, body, message) => {
    let error: unknown;
    try {
      parseTickExport(body);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(LogbookError);
    expect((error as LogbookError).type).toBe("DataSourceError");
    expect((error as Error).message).toMatch(message);
    expect((error as Error).message).not.toContain("Sign in");
  });
});

describe("cleanMpRows", () => {
  it("cleans every field", () => {
    const [tick] = cleanMpRows([
      mpRow({
        Route: "Cat&#39;s Meow &amp; Co",
        Rating: "5.10b/c R",
        Notes: "Crux &lt;3 &quot;moves&quot;\r\nsecond line",
        Location: "California > Yosemite Valley > El Cap",
        "Route Type": "Trad, Alpine",
        Style: "Lead",
        "Lead Style": "Redpoint",
        "Your Stars": "-1",
        "Avg Stars": "3.4",
        Length: "1000",
        Pitches: "10",
      }),
    ]);
    expect(tick).toMatchObject({
      route: "Cat's Meow & Co",
      notes: 'Crux <3 "moves"\nsecond line',
      location: ["California", "Yosemite Valley", "El Cap"],
      discipline: "trad",
      routeTypes: ["Trad", "Alpine"],
      style: "redpoint",
      send: true,
      yourStars: null,
      avgStars: 3.4,
      lengthFt: 1000,
      lengthM: 304.8,
      pitches: 10,
      date: "2024-05-12",
      datePrecision: "day",
      rating: { yds: "5.10b/c", danger: "R" },
      grade: { system: "yds", label: "5.10b/c", step: "5.10b" },
    });
  });

  it("keeps stars as numbers or empty and lengths empty when absent", () => {
    const [a, b] = cleanMpRows([mpRow({ "Your Stars": "3", Length: "" }), mpRow({ "Your Stars": "", "Avg Stars": "", Length: "0" })]);
    expect(a).toMatchObject({ yourStars: 3, lengthFt: null, lengthM: null });
    expect(b).toMatchObject({ yourStars: null, avgStars: null, lengthFt: null });
  });

  it("reads partial and impossible dates", () => {
    const ticks = cleanMpRows([mpRow({ Date: "2019-07" }), mpRow({ Date: "2001" }), mpRow({ Date: "2023-02-30" }), mpRow({ Date: "" })]);
    expect(ticks.map((t) => [t.date, t.datePrecision])).toEqual([
      ["2019-07-01", "month"],
      ["2001-01-01", "year"],
      [null, null],
      [null, null],
    ]);
  });

  it("gives two identical rows two ticks with distinct, stable keys", () => {
    const rows = [mpRow(), mpRow(), mpRow({ Route: "Other" })];
    const first = cleanMpRows(rows).map((t) => t.key);
    expect(new Set(first).size).toBe(3);
    expect(first[0].split("#")[0]).toBe(first[1].split("#")[0]);
    expect(cleanMpRows(rows).map((t) => t.key)).toEqual(first);
    // Dropping the first repeat keeps the key of the other one (#0): the re-sync removes exactly one.
    expect(cleanMpRows(rows.slice(1)).map((t) => t.key)).toEqual([first[0], first[2]]);
  });

  it("cleans a large synthetic export without losing rows", () => {
    const ticks = cleanMpRows(parseTickExport(tickExportCsv(syntheticRows(500))));
    expect(ticks).toHaveLength(500);
    expect(ticks.filter((t) => t.grade === null)).toEqual([]);
  });
});
