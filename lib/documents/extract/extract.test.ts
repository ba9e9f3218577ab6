import { describe, expect, it } from "vitest";
import { f1, scoreTable } from "./adjacency";
import { extractPageTables } from "./extract-page";
import { mergeAcrossPages } from "./merge-pages";
import { forEachPage, toShownRect, type ReadPage } from "./read-pdf";
import { tablePdf, type PageSpec } from "./testing/table-pdf";
import type { ExtractedTable } from "./types";

async function extract(pages: PageSpec[], method: "auto" | "lattice" | "stream" = "auto"): Promise<ExtractedTable[]> {
  const bytes = await tablePdf(pages);
  const tables: ExtractedTable[] = [];
  const heights = new Map<number, number>();
  await forEachPage(bytes, (page, n) => {
    heights.set(n, page.height);
    tables.push(...extractPageTables(page, n, { method }));
  });
  return mergeAcrossPages(tables, heights);
}

const PRICES = [
  ["Item", "Qty", "Price"],
  ["Apples", "12", "3.50"],
  ["Pears", "4", "1.20"],
  ["Plums", "30", "9.00"],
];

describe("lattice", () => {
  it("reads a ruled grid cell by cell", async () => {
    const [t] = await extract([{ tables: [{ x: 72, y: 100, colWidths: [120, 60, 80], rowHeight: 20, rows: PRICES, ruled: true }] }], "lattice");
    expect(t.method).toBe("lattice");
    expect(t.rows).toEqual(PRICES);
    expect(t.bbox.x0).toBeCloseTo(72, 0);
    expect(t.bbox.y0).toBeCloseTo(100, 0);
  });

  it("keeps a spanning cell's text top-left and empty strings in the cells it covers", async () => {
    const rows = [
      ["Region", "2024", null],
      [null, "H1", "H2"],
      ["North", "10", "12"],
      ["South", "7", "9"],
    ];
    const [t] = await extract([{ tables: [{ x: 72, y: 100, colWidths: [100, 60, 60], rowHeight: 20, rows, ruled: true, spans: [[0, 0, 2, 1], [0, 1, 1, 2]] }] }], "lattice");
    expect(t.rows).toEqual([
      ["Region", "2024", ""],
      ["", "H1", "H2"],
      ["North", "10", "12"],
      ["South", "7", "9"],
    ]);
    expect(t.spans).toEqual(expect.arrayContaining([[0, 0, 2, 1], [0, 1, 1, 2]]));
  });

  it("keeps multi-line cells and empty cells", async () => {
    const rows = [
      ["Name", "Notes"],
      ["Ada", "first line\nsecond line"],
      ["Grace", ""],
    ];
    const [t] = await extract([{ tables: [{ x: 72, y: 100, colWidths: [100, 160], rowHeight: 30, rows, ruled: true }] }], "lattice");
    expect(t.rows).toEqual(rows);
  });

  it("keeps two ruled tables apart when their borders line up a hair apart", async () => {
    // One generator draws the second table's rules at x 72.0 and the first's at 72.05: the rules
    // are one line by position, but the gap between the tables along it is no rule.
    const second = PRICES.map((r) => r.map((c) => `${c}2`));
    const tables = await extract(
      [
        {
          tables: [
            { x: 72.05, y: 100, colWidths: [120, 60, 80], rowHeight: 20, rows: PRICES, ruled: true },
            { x: 72, y: 300, colWidths: [120.05, 60, 80], rowHeight: 20, rows: second, ruled: true },
          ],
        },
      ],
      "lattice",
    );
    expect(tables.map((t) => t.rows)).toEqual([PRICES, second]);
  });

  it("finds the table in the right place on a page rotated 90 degrees", async () => {
    const [t] = await extract([{ rotate: 90, tables: [{ x: 72, y: 100, colWidths: [120, 60, 80], rowHeight: 20, rows: PRICES, ruled: true }] }], "lattice");
    expect(t.rows).toEqual(PRICES);
  });

  it("reads a table printed sideways on an unrotated page (text turned a quarter, no /Rotate)", async () => {
    const rows = [...PRICES, ["Quinces", "7", "2.10"], ["Figs", "9", "4.00"], ["Dates", "11", "6.25"]];
    for (const method of ["lattice", "stream"] as const) {
      const [t] = await extract([{ rotate: 90, turnedContentOnly: true, tables: [{ x: 72, y: 100, colWidths: [120, 60, 80], rowHeight: 20, rows, ruled: method === "lattice" }] }], method);
      expect(t?.rows, method).toEqual(rows);
    }
  });
});

describe("table boxes on a page read turned", () => {
  it("come back in the displayed page's frame, where the preview draws them", async () => {
    const rows = [...PRICES, ["Quinces", "7", "2.10"], ["Figs", "9", "4.00"], ["Dates", "11", "6.25"]];
    const bytes = await tablePdf([{ rotate: 90, turnedContentOnly: true, tables: [{ x: 72, y: 100, colWidths: [120, 60, 80], rowHeight: 20, rows, ruled: true }] }]);
    const boxes: { x0: number; y0: number; x1: number; y1: number }[] = [];
    await forEachPage(bytes, (page, n) => {
      const read: ReadPage = page;
      expect([read.pageWidth, read.pageHeight]).toEqual([612, 792]);
      expect([read.width, read.height]).toEqual([792, 612]);
      for (const t of extractPageTables(page, n, { method: "lattice" })) boxes.push(toShownRect(t.bbox, read.toPage));
    });
    // Drawn at x 72..332, y 100..240 in the turned (792 x 612) frame; shown portrait, that is
    // x 100..240 and y 792-332..792-72.
    expect(boxes).toHaveLength(1);
    expect(boxes[0].x0).toBeCloseTo(100, 0);
    expect(boxes[0].x1).toBeCloseTo(240, 0);
    expect(boxes[0].y0).toBeCloseTo(460, 0);
    expect(boxes[0].y1).toBeCloseTo(720, 0);
  });

  it("are left as they are on an upright page", async () => {
    const bytes = await tablePdf([{ tables: [{ x: 72, y: 100, colWidths: [120, 60, 80], rowHeight: 20, rows: PRICES, ruled: true }] }]);
    await forEachPage(bytes, (page) => expect(page.toPage).toBeUndefined());
  });
});

describe("stream", () => {
  it("reads an unruled table from alignment, with its title, and leaves the footnote out", async () => {
    const tables = await extract(
      [
        {
          texts: [
            { x: 72, y: 80, text: "Table 1: Fruit prices", size: 11 },
            { x: 72, y: 200, text: "Source: market survey, prices in euros per kilogram.", size: 8 },
          ],
          tables: [{ x: 72, y: 100, colWidths: [120, 60, 80], rowHeight: 18, rows: PRICES, ruled: false }],
        },
      ],
      "stream",
    );
    expect(tables).toHaveLength(1);
    expect(tables[0].rows).toEqual(PRICES);
    expect(tables[0].title).toBe("Table 1: Fruit prices");
  });
});

describe("stream with section labels", () => {
  const SALES = [
    ["Region", "Q1", "Q2"],
    ["North", "", ""],
    ["Lyon", "12", "14"],
    ["Lille", "8", "9"],
    ["South", "", ""],
    ["Nice", "21", "19"],
    ["Toulon", "5", "7"],
  ];

  it("keeps a label grouping the rows under it as a row of the same table", async () => {
    const tables = await extract([{ tables: [{ x: 72, y: 100, colWidths: [120, 60, 60], rowHeight: 18, rows: SALES, ruled: false }] }], "stream");
    expect(tables).toHaveLength(1);
    expect(tables[0].rows).toEqual(SALES);
  });

  it("does not join two tables across the next table's caption", async () => {
    const second = [["City", "People", "Area"], ["Lyon", "522000", "48"], ["Nice", "342000", "72"]];
    const tables = await extract(
      [
        {
          texts: [{ x: 72, y: 172, text: "Table 2: Cities", size: 9 }],
          tables: [
            { x: 72, y: 100, colWidths: [120, 60, 60], rowHeight: 18, rows: PRICES, ruled: false },
            { x: 72, y: 190, colWidths: [120, 60, 60], rowHeight: 18, rows: second, ruled: false },
          ],
        },
      ],
      "stream",
    );
    expect(tables.map((t) => t.rows)).toEqual([PRICES, second]);
    expect(tables[1].title).toBe("Table 2: Cities");
  });
});

describe("auto", () => {
  it("finds a ruled and an unruled table on one page", async () => {
    const tables = await extract([
      {
        tables: [
          { x: 72, y: 100, colWidths: [120, 60, 80], rowHeight: 20, rows: PRICES, ruled: true },
          { x: 72, y: 300, colWidths: [100, 80], rowHeight: 18, rows: [["City", "People"], ["Lyon", "522000"], ["Nice", "342000"]], ruled: false },
        ],
      },
    ]);
    expect(tables.map((t) => t.method)).toEqual(["lattice", "stream"]);
    expect(tables[0].rows).toEqual(PRICES);
    expect(tables[1].rows).toEqual([["City", "People"], ["Lyon", "522000"], ["Nice", "342000"]]);
  });

  it("reads the rows inside a frame of rules around whole columns by stream", async () => {
    // A statistical table's rules frame two columns; each framed cell holds the whole column.
    const names = ["Lyon", "Nice", "Lille", "Brest", "Dijon", "Metz", "Caen", "Pau"];
    const counts = ["522", "342", "236", "139", "159", "117", "105", "75"];
    const tables = await extract([{ tables: [{ x: 72, y: 100, colWidths: [120, 80], rowHeight: 120, fontSize: 9, rows: [[names.join("\n"), counts.join("\n")]], ruled: true }] }]);
    expect(tables).toHaveLength(1);
    expect(tables[0].method).toBe("stream");
    expect(tables[0].rows).toEqual(names.map((n, i) => [n, counts[i]]));
  });

  it("merges a table continued on the next page, dropping the repeated header", async () => {
    const first = [PRICES[0], ...Array.from({ length: 30 }, (_, i) => [`Item ${i}`, `${i}`, `${i}.00`])];
    const second = [PRICES[0], ...Array.from({ length: 5 }, (_, i) => [`Item ${30 + i}`, `${30 + i}`, `${30 + i}.00`])];
    const tables = await extract([
      { tables: [{ x: 72, y: 72, colWidths: [120, 60, 80], rowHeight: 20, rows: first, ruled: true }] },
      { tables: [{ x: 72, y: 72, colWidths: [120, 60, 80], rowHeight: 20, rows: second, ruled: true }] },
    ]);
    expect(tables).toHaveLength(1);
    expect(tables[0].pages).toEqual([1, 2]);
    expect(tables[0].rows).toHaveLength(36);
    expect(tables[0].rows[35]).toEqual(["Item 34", "34", "34.00"]);
  });
});

describe("the adjacency-relation score", () => {
  it("is 1 for a perfect result and drops for a shifted column", () => {
    expect(f1(scoreTable(PRICES, PRICES)).f1).toBe(1);
    const shifted = PRICES.map((r, i) => (i === 2 ? [r[0], "", r[1], r[2]] : [...r, ""]));
    const s = f1(scoreTable(shifted, PRICES));
    expect(s.f1).toBeLessThan(1);
    expect(s.f1).toBeGreaterThan(0.5);
  });
});
