import { stringify } from "csv-stringify/sync";
import { MP_COLUMNS, type MpRow } from "../parse-tick-export";

/** Writes rows the way Mountain Project's tick export does: its header, quoting only where needed. */
export function tickExportCsv(rows: Partial<MpRow>[]): string {
  const records = rows.map((row) => MP_COLUMNS.map((c) => row[c] ?? ""));
  return stringify([[...MP_COLUMNS], ...records], { record_delimiter: "\n" });
}

/** A realistic row; override what a test cares about. */
export function mpRow(overrides: Partial<MpRow> = {}): MpRow {
  return {
    Date: "2024-05-12",
    Route: "Outer Space",
    Rating: "5.9",
    Notes: "",
    URL: "https://www.mountainproject.com/route/105924807/outer-space",
    Pitches: "1",
    Location: "Washington > Leavenworth > Snow Creek Wall",
    "Avg Stars": "3.8",
    "Your Stars": "-1",
    Style: "Lead",
    "Lead Style": "Onsight",
    "Route Type": "Trad",
    "Your Rating": "",
    Length: "100",
    "Rating Code": "2200",
    ...overrides,
  };
}

/** `n` varied ticks across disciplines, grades and styles (bench and stand-in profiles). */
export function syntheticRows(n: number): MpRow[] {
  const routes = ["5.8", "5.9", "5.10a", "5.10b/c R", "5.10-", "5.11a", "5.11b/c", "5.12a", "5.9 C0", "Easy 5th"];
  const boulders = ["V0-1", "V2", "V3", "V4", "V5", "V-easy", "V2-3 PG13", "V6"];
  const leadStyles = ["Onsight", "Flash", "Redpoint", "Pinkpoint", "Fell/Hung", ""];
  const rows: MpRow[] = [];
  for (let i = 0; i < n; i++) {
    const boulder = i % 3 === 2;
    const day = new Date(Date.UTC(2015, 0, 1) + (i % 3000) * 86_400_000).toISOString().slice(0, 10);
    rows.push(
      mpRow({
        Date: day,
        Route: `Route &amp; ${i % 997}`,
        Rating: boulder ? boulders[i % boulders.length] : routes[i % routes.length],
        Notes: i % 5 === 0 ? `Great day,\n"windy" &#39;${i}&#39;` : "",
        Style: boulder ? ["Send", "Flash", "Attempt"][i % 3] : ["Lead", "Lead", "TR", "Follow"][i % 4],
        "Lead Style": boulder ? "" : leadStyles[i % leadStyles.length],
        "Route Type": boulder ? "Boulder" : ["Sport", "Trad, Alpine", "Sport, TR"][i % 3],
        "Your Stars": String((i % 5) - 1),
        Length: boulder ? "" : String(40 + (i % 200)),
        Pitches: boulder ? "" : String(1 + (i % 3)),
      }),
    );
  }
  return rows;
}
