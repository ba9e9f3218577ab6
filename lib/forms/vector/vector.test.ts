import { describe, expect, it } from "vitest";
import { buildPdf, openTestPage, type TestPage } from "@/lib/pdf/testing";
import type { Box } from "../types";
import type { Candidate } from "./candidate";
import { extractPageVector } from "./extract-vector";

async function candidates(draw: (p: TestPage) => void): Promise<Candidate[]> {
  const { doc, page } = await openTestPage(await buildPdf(draw));
  try {
    return (await extractPageVector(page)).candidates;
  } finally {
    await doc.destroy();
  }
}

function expectBox(actual: Box | undefined, expected: Box, tolerance = 1) {
  expect(actual).toBeDefined();
  for (const k of ["x", "y", "width", "height"] as const) expect(Math.abs(actual![k] - expected[k])).toBeLessThanOrEqual(tolerance);
}

describe("vector detection: constructs", () => {
  it("finds an underline with a label on its left, one text line tall, labelled", async () => {
    const found = await candidates((p) => p.text("Full name:", 72, 100).line(130, 100, 330, 100));
    expect(found).toHaveLength(1);
    expect(found[0]).toMatchObject({ type: "text", construct: "underline", label: "Full name" });
    expectBox(found[0].box, { x: 130, y: 84, width: 200, height: 16 });
  });

  it("finds rules set in a column apart from their labels, but not past another rule", async () => {
    const found = await candidates((p) => {
      p.text("Name", 72, 100).line(200, 100, 450, 100);
      p.text("Employer", 72, 130).line(200, 130, 450, 130);
      p.text("Phone", 72, 160).line(110, 160, 170, 160).line(300, 160, 450, 160);
    });
    const lines = found.filter((c) => c.construct === "underline").sort((a, b) => a.box.y - b.box.y || a.box.x - b.box.x);
    expect(lines.map((c) => [c.label, Math.round(c.box.x)])).toEqual([["Name", 200], ["Employer", 200], ["Phone", 110]]);
  });

  it("finds a short rule with a caption centred under it, wider than the rule", async () => {
    const found = await candidates((p) => {
      p.text("Other Person", 72, 200).line(250, 204, 360, 204).line(536, 204, 571, 204);
      p.text("(First Name)", 250, 214, 10).text("(Jr./Sr./III)", 553.5 - p.width("(Jr./Sr./III)", 10) / 2, 214, 10);
    });
    const suffix = found.find((c) => c.box.x > 530);
    expect(suffix).toMatchObject({ type: "text", construct: "underline", label: "(Jr./Sr./III)" });
  });

  it("finds a short rule with its own caption under it, but not a short rule alone", async () => {
    const found = await candidates((p) => {
      p.line(36, 156, 194, 156, 0.5).text("Your First Name", 36, 164, 7.3);
      p.line(208.6, 156, 223, 156, 0.5).text("MI", 210.7, 164, 7.3);
      p.line(300, 156, 314, 156, 0.5);
    });
    const lines = found.filter((c) => c.construct === "underline").sort((a, b) => a.box.x - b.box.x);
    expect(lines.map((c) => c.label)).toEqual(["Your First Name", "MI"]);
  });

  it("finds a rule with a caption under its start, and a signature line by its label", async () => {
    const found = await candidates((p) => p.line(72, 200, 300, 200).text("Applicant signature", 73, 208, 8).line(330, 200, 520, 200).text("Date", 331, 208, 8));
    const sig = found.find((c) => c.label === "Applicant signature");
    const date = found.find((c) => c.label === "Date");
    expect(sig?.type).toBe("signature");
    expect(sig!.box.height).toBeGreaterThan(date!.box.height);
    expect(date?.type).toBe("text");
  });

  it("finds runs of underscores typed after a label", async () => {
    let start = 0;
    const found = await candidates((p) => {
      p.text("City: ____________________", 72, 100);
      start = 72 + p.width("City: ");
    });
    expect(found).toHaveLength(1);
    expect(found[0]).toMatchObject({ type: "text", construct: "underscores" });
    expect(Math.abs(found[0].box.x - start)).toBeLessThan(1);
    expect(found[0].box.width).toBeGreaterThan(100);
  });

  it("finds an empty box under a label (its inside), and a tall one as multiline", async () => {
    const found = await candidates((p) => p.text("Email", 72, 100).rect({ x: 72, y: 104, width: 200, height: 20 }, { border: 1 }).text("Comments", 72, 150).rect({ x: 72, y: 154, width: 400, height: 80 }, { border: 1 }));
    const single = found.find((c) => c.box.y < 130);
    const multi = found.find((c) => c.box.y > 130);
    expectBox(single?.box, { x: 72.5, y: 104.5, width: 199, height: 19 });
    expect(single?.multiline).toBeUndefined();
    expect(multi?.multiline).toBe(true);
  });

  it("finds comb boxes (a box split into character cells) with their cell count", async () => {
    const found = await candidates((p) => {
      p.text("ZIP code", 72, 100).rect({ x: 130, y: 88, width: 75, height: 18 }, { border: 0.75 });
      for (let i = 1; i < 5; i++) p.line(130 + i * 15, 88, 130 + i * 15, 106, 0.6);
    });
    expect(found).toHaveLength(1);
    expect(found[0]).toMatchObject({ type: "text", construct: "comb", comb: 5 });
    expectBox(found[0].box, { x: 130.4, y: 88.4, width: 74.3, height: 17.3 });
  });

  it("finds comb ticks (a base line with short dividers) with their cell count", async () => {
    const found = await candidates((p) => {
      p.text("PIN", 72, 100).line(100, 104, 160, 104);
      for (let i = 0; i <= 4; i++) p.line(100 + i * 15, 96, 100 + i * 15, 104);
    });
    expect(found).toHaveLength(1);
    expect(found[0]).toMatchObject({ construct: "comb-ticks", comb: 4 });
    expect(found[0].box.width).toBeCloseTo(60, 0);
  });

  it("leaves comb-tick cells with printed characters out: the blank cells before them are the field", async () => {
    const found = await candidates((p) => {
      p.text("Date", 72, 100).line(100, 104, 196, 104);
      for (let i = 0; i <= 8; i++) p.line(100 + i * 12, 97, 100 + i * 12, 104);
      for (let i = 0; i < 4; i++) p.text("2024"[i], 151 + i * 12, 103, 7);
    });
    expect(found).toHaveLength(1);
    expect(found[0]).toMatchObject({ construct: "comb-ticks", comb: 4 });
    expect(found[0].box.x).toBeCloseTo(100, 0);
    expect(found[0].box.width).toBeCloseTo(48, 0);
  });

  it("takes a low box a little wider than tall for a checkbox, a taller one of that shape for a text box", async () => {
    const found = await candidates((p) => {
      p.rect({ x: 72, y: 100, width: 14.5, height: 10 }).text("Yes", 90, 109);
      p.rect({ x: 150, y: 100, width: 21, height: 14 }).text("Apt.", 120, 111);
    });
    expect(found.map((c) => [c.type, Math.round(c.box.x)])).toEqual([["checkbox", 72], ["text", 150]]);
  });

  it("takes faint date hints in comb cells and boxes for hints, not print: the cells stay fields", async () => {
    const found = await candidates((p) => {
      p.text("Date", 72, 100).line(100, 104, 196, 104);
      for (let i = 0; i <= 8; i++) p.line(100 + i * 12, 97, 100 + i * 12, 104);
      "MMDD".split("").forEach((c, i) => p.hint(c, 103 + i * 12, 103, 7));
      for (let i = 0; i < 4; i++) p.text("2024"[i], 151 + i * 12, 103, 7);
      p.text("Month", 72, 140).rect({ x: 110, y: 128, width: 30, height: 16 }).hint("MM", 115, 140, 9);
      p.text("Year", 172, 140).rect({ x: 210, y: 128, width: 30, height: 16 }).hint("MM", 215, 140, 9, 1);
    });
    const ticks = found.find((c) => c.construct === "comb-ticks");
    expect(ticks).toMatchObject({ comb: 4 });
    expect(ticks!.box.x).toBeCloseTo(100, 0);
    expect(found.filter((c) => c.construct === "box").map((c) => Math.round(c.box.x))).toEqual([110]);
  });

  it("takes a whole spaced date hint ('M M D D Y Y Y Y') over a comb of eight cells for a hint", async () => {
    const found = await candidates((p) => {
      p.text("and ending", 72, 100).line(130, 104, 226, 104);
      for (let i = 0; i <= 8; i++) p.line(130 + i * 12, i % 2 ? 101 : 97, 130 + i * 12, 104);
      p.hint("M M D D Y Y Y Y", 132, 103, 9);
    });
    expect(found.find((c) => c.construct === "comb-ticks")).toMatchObject({ comb: 8 });
  });

  it("reads a pale caption set close under a dark paragraph as a caption, not the paragraph's last line", async () => {
    const draw = (pale: boolean) => (p: TestPage) => {
      p.text("14. Dependent information. Provide the following for each dependent.", 72, 100, 8);
      if (pale) p.hint("Last Name, First Name", 72, 109, 8);
      else p.text("Last Name, First Name", 72, 109, 8);
      p.line(72, 128, 250, 128, 2);
    };
    expect((await candidates(draw(true))).map((c) => c.construct)).toEqual(["underline"]);
    expect(await candidates(draw(false))).toEqual([]);
  });

  it("finds checkboxes drawn as squares, circles and ZapfDingbats box glyphs", async () => {
    const found = await candidates((p) => {
      p.rect({ x: 72, y: 100, width: 10, height: 10 }, { border: 0.75 }).text("Yes", 86, 109);
      p.circle(155, 105, 5).text("No", 164, 109);
      p.text("\u274f", 220, 110, 14, p.dingbats).text("Maybe", 234, 109);
    });
    const boxes = found.filter((c) => c.type === "checkbox").sort((a, b) => a.box.x - b.box.x);
    expect(boxes.map((b) => b.construct)).toEqual(["checkbox", "checkbox", "checkbox-glyph"]);
    expectBox(boxes[0].box, { x: 72, y: 100, width: 10, height: 10 }, 0.5);
    expectBox(boxes[1].box, { x: 150, y: 100, width: 10, height: 10 }, 0.5);
    expect(found.filter((c) => c.type !== "checkbox")).toHaveLength(0);
  });

  it("finds the entry cells of a ruled grid table, not its header or row-number cells", async () => {
    const found = await candidates((p) => {
      const cols = [72, 100, 250, 400];
      const rows = [100, 120, 140, 160];
      for (const y of rows) p.line(72, y, 400, y);
      for (const x of cols) p.line(x, 100, x, 160);
      p.text("Name", 103, 114, 9, p.bold).text("Amount", 253, 114, 9, p.bold);
      p.text("1.", 75, 134).text("2.", 75, 154);
    });
    expect(found).toHaveLength(4);
    expect(found.every((c) => c.type === "text" && c.box.y >= 120)).toBe(true);
    expect(found.some((c) => c.box.x < 100)).toBe(false);
  });

  it("reads the captions of neighbouring cells set close together as two labels, each over its own cell", async () => {
    const { doc, page } = await openTestPage(
      await buildPdf((p) => {
        // Two cells of one row, the first caption ending just before the rule, the second starting just past it.
        const r = 74 + p.width("16 State wages, tips, etc.", 7) + 2;
        for (const y of [100, 130]) p.line(72, y, 372, y);
        for (const x of [72, r, 372]) p.line(x, 100, x, 130);
        p.text("16 State wages, tips, etc.", 74, 108, 7).text("17 State income tax", r + 2, 108, 7);
        p.text("Name Surname", 72, 200, 7).text("Date", 72 + p.width("Name Surname", 7) + 3, 200, 7);
      }),
    );
    try {
      const vector = await extractPageVector(page);
      expect(vector.text.phrases.map((p) => p.text)).toEqual(["16 State wages, tips, etc.", "17 State income tax", "Name Surname Date"]);
      const cells = vector.candidates.filter((c) => c.construct === "caption-cell").sort((a, b) => a.box.x - b.box.x);
      expect(cells).toHaveLength(2);
    } finally {
      await doc.destroy();
    }
  });

  it("finds cells with a caption at the top and a line's room below as fields, even over a blank row", async () => {
    const found = await candidates((p) => {
      // A W-2's state row: captioned cells 24 pt tall, a blank row under them.
      for (const y of [100, 124, 148]) p.line(72, y, 372, y);
      for (const x of [72, 172, 272, 372]) p.line(x, 100, x, 148);
      p.text("16 State wages", 74, 106, 6).text("17 State income tax", 174, 106, 6).text("18 Local wages", 274, 106, 6);
    });
    const captioned = found.filter((c) => c.construct === "caption-cell");
    expect(captioned).toHaveLength(3);
    expect(captioned.every((c) => c.box.y >= 106 && c.box.y + c.box.height <= 124)).toBe(true);
    expect(found.filter((c) => c.type === "text" && c.box.y >= 124)).toHaveLength(3);
  });

  it("keeps a cell with a line-number tag in its corner an entry cell, less the tag's strip", async () => {
    const found = await candidates((p) => {
      // Arizona Form 140's name rows: a framed "1" against the left side of each captioned cell.
      for (const y of [100, 124, 148]) p.line(36, y, 372, y);
      for (const x of [36, 288, 372]) p.line(x, 100, x, 148);
      for (const y of [112, 136]) p.rect({ x: 36, y, width: 11, height: 12 }).text("1", 39, y + 10, 8);
      p.text("Your First Name and Middle Initial", 50, 107, 7).text("Last Name", 290, 107, 7);
      p.text("Spouse's First Name and Middle Initial", 50, 131, 7).text("Last Name", 290, 131, 7);
    });
    const cells = found.filter((c) => c.construct === "caption-cell").sort((a, b) => a.box.y - b.box.y || a.box.x - b.box.x);
    expect(cells.map((c) => [Math.round(c.box.x), Math.round(c.box.y + c.box.height)])).toEqual([[48, 124], [288, 124], [48, 148], [288, 148]]);
    // A tag that is not a corner label (a box in the middle of the cell) still makes a frame.
    const framed = await candidates((p) => {
      for (const y of [100, 124]) p.line(36, y, 288, y);
      for (const x of [36, 288]) p.line(x, 100, x, 124);
      p.rect({ x: 150, y: 110, width: 11, height: 12 }).text("Name", 40, 107, 7);
    });
    expect(framed.some((c) => c.construct === "caption-cell")).toBe(false);
    // A tag set a little in from the side (Arizona's "94" by "Daytime Phone", 2.6 pt in) is a corner label too.
    const inset = await candidates((p) => {
      for (const y of [120, 144]) p.line(432, y, 576, y, 0.5);
      for (const x of [432, 576]) p.line(x, 120, x, 144, 0.5);
      p.rect({ x: 434.8, y: 131.3, width: 11, height: 11 }).text("94", 435.8, 140.5, 8).text("Daytime Phone (with area code)", 435.6, 127, 8);
    });
    expect(inset.find((c) => c.construct === "caption-cell")?.box.x).toBeGreaterThan(445);
  });

  it("splits a captioned cell at labels set apart along its top, and reads sub-labels under a heading", async () => {
    const found = await candidates((p) => {
      for (const y of [100, 124, 154]) p.line(36, y, 400, y);
      for (const x of [36, 400]) p.line(x, 100, x, 154);
      p.text("City, Town or Post Office", 38, 107, 7).text("State", 210, 107, 7).text("ZIP Code", 307, 107, 7);
      // A heading with the parts of the name under it, each starting its part of the blank.
      p.text("1. FIRST PARTY'S NAME", 38, 131, 7).text("FIRST", 40, 138, 6).text("MIDDLE", 170, 138, 6).text("LAST", 290, 138, 6);
    });
    const cells = found.filter((c) => c.construct === "caption-cell").sort((a, b) => a.box.y - b.box.y || a.box.x - b.box.x);
    expect(cells.map((c) => [c.label, Math.round(c.box.x)])).toEqual([
      ["City, Town or Post Office", 36],
      ["State", 210],
      ["ZIP Code", 307],
      ["FIRST", 36],
      ["MIDDLE", 170],
      ["LAST", 290],
    ]);
    expect(cells.every((c, i, all) => i === 0 || c.box.y !== all[i - 1].box.y || c.box.x >= all[i - 1].box.x + all[i - 1].box.width)).toBe(true);
  });

  it("joins the empty parts of a cell split by dotted dividers (a social security number), but not captioned cells", async () => {
    const found = await candidates((p) => {
      // The 1040's dependents table: solid rules, the SSN column guided by dotted dividers.
      for (const y of [100, 112, 124]) p.line(72, y, 372, y);
      for (const x of [72, 200, 286, 372]) p.line(x, 100, x, 124);
      for (const x of [226, 244]) p.line(x, 100, x, 124, 0.5, { dash: [0.5, 1] });
      // A row of its own below: two captioned cells with a dotted divider between them.
      for (const y of [150, 180]) p.line(72, y, 372, y);
      for (const x of [72, 372]) p.line(x, 150, x, 180);
      p.line(222, 150, 222, 180, 0.5, { dash: [0.5, 1] });
      p.text("Elementary/Secondary (0-12)", 74, 157, 6).text("College (1-4 or 5+)", 224, 157, 6);
    });
    const ssn = found.filter((c) => c.type === "text" && c.box.x >= 199 && c.box.x + c.box.width <= 287 && c.box.y < 124);
    expect(ssn.map((c) => [Math.round(c.box.x), Math.round(c.box.x + c.box.width)])).toEqual([
      [200, 286],
      [200, 286],
    ]);
    expect(found.filter((c) => c.construct === "caption-cell").map((c) => Math.round(c.box.x))).toEqual([72, 222]);
  });

  it("finds white entry boxes on a tinted page, but not white paper on white, nor a tall white stretch", async () => {
    const found = await candidates((p) => {
      // The 1040's design: a light blue-green panel, each entry box a white rectangle on it.
      p.rect({ x: 50, y: 90, width: 400, height: 200 }, { fill: [0.9, 0.97, 0.97] });
      p.text("12a Standard deduction", 60, 108, 8).rect({ x: 300, y: 100, width: 72, height: 12 }, { fill: [1, 1, 1] });
      p.rect({ x: 376, y: 140, width: 72, height: 110 }, { fill: [1, 1, 1] });
      p.text("Name", 60, 330, 8).rect({ x: 120, y: 320, width: 100, height: 12 }, { fill: [1, 1, 1] });
    });
    expect(found.map((c) => [c.construct, Math.round(c.box.x), Math.round(c.box.y)])).toEqual([["fill-box", 300, 100]]);
  });

  it("writes one line at the foot of a narrow amount box beside a wrapping description, but fills a blank table's tall cells", async () => {
    const found = await candidates((p) => {
      p.text("15 Credit carried forward from prior", 60, 110, 8).text("years, as computed on the worksheet", 72, 121, 8).text("in the instructions", 72, 132, 8);
      p.rect({ x: 300, y: 100, width: 72, height: 36 });
      p.rect({ x: 300, y: 200, width: 72, height: 36 });
    });
    const boxes = found.filter((c) => c.construct === "box").sort((a, b) => a.box.y - b.box.y);
    expect(boxes.map((c) => [Math.round(c.box.y), Math.round(c.box.height), c.multiline ?? false])).toEqual([
      [118, 18, false],
      [200, 35, true],
    ]);
  });

  it("takes a lightly tinted box as a field, but not a grey one shaded out", async () => {
    const found = await candidates((p) => {
      p.text("Name", 60, 108, 8).rect({ x: 100, y: 100, width: 150, height: 12 }, { fill: [0.88, 0.93, 1] });
      p.text("Line 12", 60, 138, 8).rect({ x: 100, y: 130, width: 150, height: 12 }, { fill: [0.75, 0.75, 0.75] });
    });
    expect(found.map((c) => [c.construct, Math.round(c.box.y)])).toEqual([["fill-box", 100]]);
  });

  it("does not take a frame around a picture for a box to write in, nor lose boxes over a page-wide background image", async () => {
    const framed = await candidates((p) => p.rect({ x: 60, y: 300, width: 280, height: 190 }).image({ x: 120, y: 305, width: 170, height: 180 }));
    expect(framed).toEqual([]);
    const background = await candidates((p) => p.image({ x: 0, y: 0, width: 612, height: 792 }).text("Name", 60, 108, 8).rect({ x: 100, y: 100, width: 150, height: 14 }));
    expect(background.map((c) => c.construct)).toEqual(["box"]);
  });

  it("does not close cells on the sides of a checkbox standing inside a table row", async () => {
    const found = await candidates((p) => {
      for (const y of [100, 112.6, 125.2]) p.line(72, y, 272, y);
      for (const x of [72, 172, 272]) p.line(x, 100, x, 125.2);
      // Checkboxes 1.5 pt short of both rules (within the tolerance for sides that do not quite meet), centred in their cells.
      for (const y of [101.5, 114.1]) p.rect({ x: 116, y, width: 9.6, height: 9.6 }).rect({ x: 216, y, width: 9.6, height: 9.6 });
    });
    expect(found.filter((c) => c.type === "checkbox")).toHaveLength(4);
    expect(found.filter((c) => c.type === "text")).toEqual([]);
  });

  it("leaves the blank rows at the foot of a printed list out, but keeps blank entry rows under a heading", async () => {
    const found = await candidates((p) => {
      // A list of printed options with a checkbox column, two rows longer than the list.
      const rows = [100, 118, 136, 154, 172, 190, 208];
      for (const y of rows) p.line(72, y, 300, y);
      for (const x of [72, 240, 300]) p.line(x, 100, x, 208);
      ["Option one", "Option two", "Option three", "Option four"].forEach((t, i) => p.text(t, 75, 113 + i * 18).rect({ x: 264, y: 104 + i * 18, width: 10, height: 10 }, { border: 0.6 }));
      // An entry table: a heading row, then blank rows.
      for (const y of [300, 318, 336, 354, 372]) p.line(72, y, 300, y);
      for (const x of [72, 240, 300]) p.line(x, 300, x, 372);
      p.text("Name", 75, 313, 9, p.bold).text("Age", 243, 313, 9, p.bold);
    });
    expect(found.filter((c) => c.type === "checkbox")).toHaveLength(4);
    expect(found.filter((c) => c.type === "text" && c.box.y < 250)).toEqual([]);
    expect(found.filter((c) => c.type === "text" && c.box.y > 300)).toHaveLength(6);
  });

  it("finds the cells of a table ruled with horizontal lines only, split at its column headings", async () => {
    const found = await candidates((p) => {
      for (const y of [100, 116, 134, 152, 170]) p.line(72, y, 472, y);
      p.text("Item", 75, 111, 9, p.bold).text("Quantity", 275, 111, 9, p.bold);
    });
    expect(found).toHaveLength(6);
    expect(found.filter((c) => c.construct === "table-cell")).toHaveLength(6);
    expectBox(found.sort((a, b) => a.box.y - b.box.y || a.box.x - b.box.x)[0].box, { x: 72.4, y: 116.4, width: 199.3, height: 17.3 });
  });

  it("splits a ruled table at a headerless checkbox column, and ignores zebra stripes behind its rows", async () => {
    const found = await candidates((p) => {
      p.rect({ x: 72, y: 134, width: 400, height: 18 }, { fill: [0.9, 0.93, 0.97] });
      for (const y of [100, 116, 134, 152, 170]) p.line(72, y, 472, y);
      p.text("Item", 75, 111, 9, p.bold).text("Notes", 303, 111, 9, p.bold);
      // The checkbox column runs from 240 to 300: its boxes are centred at 270.
      for (const y of [116, 134, 152]) p.rect({ x: 265, y: y + 4, width: 10, height: 10 }, { border: 0.75 });
    });
    const text = found.filter((c) => c.type === "text");
    expect(found.filter((c) => c.type === "checkbox")).toHaveLength(3);
    expect(text).toHaveLength(6);
    expect(text.every((c) => c.construct === "table-cell" && c.box.width < 240)).toBe(true);
  });
});

describe("vector detection: dashed and dotted line work", () => {
  it("finds a box stroked with a dash pattern, and one drawn dash by dash", async () => {
    const found = await candidates((p) => {
      p.text("Reference", 72, 96).rect({ x: 72, y: 100, width: 160, height: 20 }, { border: 0.75, dash: [3, 2] });
      p.text("Account", 300, 96);
      const [x0, y0, x1, y1] = [300, 100, 460, 120];
      p.pieces(x0, y0, x1, y0, 2, 4).pieces(x0, y1, x1, y1, 2, 4).pieces(x0, y0, x0, y1, 2, 4).pieces(x1, y0, x1, y1 + 0.01, 2, 4);
    });
    const boxes = found.filter((c) => c.construct === "box").sort((a, b) => a.box.x - b.box.x);
    expect(boxes).toHaveLength(2);
    expectBox(boxes[0].box, { x: 72.4, y: 100.4, width: 159.3, height: 19.3 });
    expectBox(boxes[1].box, { x: 300.4, y: 100.4, width: 159.3, height: 19.3 }, 1.5);
  });

  it("finds a rule of dots (tiny squares) under a label, and one of round-capped zero-length dashes", async () => {
    const found = await candidates((p) => {
      p.text("Surname:", 72, 100).pieces(120, 101, 320, 101, 0, 3, 1);
      p.text("Given names:", 72, 140).line(140, 141, 340, 141, 1, { dash: [0, 3], round: true });
    });
    const lines = found.filter((c) => c.construct === "underline").sort((a, b) => a.box.y - b.box.y);
    expect(lines.map((c) => c.label)).toEqual(["Surname", "Given names"]);
    expect(lines[0].box.x).toBeCloseTo(119.5, 0);
    expect(lines[0].box.width).toBeGreaterThan(198);
    expect(lines[1].box.width).toBeGreaterThan(198);
  });

  it("finds a comb row whose cells are drawn with dotted lines", async () => {
    const found = await candidates((p) => {
      p.text("Taxpayer number", 72, 112);
      const [x0, y0, cell, h, n] = [160, 100, 14, 18, 10];
      p.pieces(x0, y0, x0 + n * cell, y0, 0, 2, 0.8).pieces(x0, y0 + h, x0 + n * cell, y0 + h, 0, 2, 0.8);
      for (let i = 0; i <= n; i++) p.pieces(x0 + i * cell, y0, x0 + i * cell, y0 + h, 0, 2, 0.8);
    });
    expect(found).toHaveLength(1);
    expect(found[0]).toMatchObject({ type: "text", construct: "comb", comb: 10 });
    expectBox(found[0].box, { x: 160, y: 100, width: 140, height: 18 }, 1.5);
  });

  it("gives each of a row of separate boxes standing an even sliver apart its own field, but not a scale of spaced checkboxes", async () => {
    const found = await candidates((p) => {
      p.text("Account", 72, 112);
      for (let i = 0; i < 8; i++) p.rect({ x: 130 + i * 16, y: 100, width: 13, height: 16 }, { border: 0.6 });
      p.text("Rating", 72, 162);
      for (let i = 0; i < 5; i++) p.rect({ x: 130 + i * 30, y: 152, width: 10, height: 10 }, { border: 0.6 });
    });
    const cells = found.filter((c) => c.construct === "comb-cell").sort((a, b) => a.box.x - b.box.x);
    expect(cells).toHaveLength(8);
    expect(cells.every((c) => c.type === "text")).toBe(true);
    expectBox(cells[0].box, { x: 130.3, y: 100.3, width: 12.4, height: 15.4 }, 1);
    expectBox(cells[7].box, { x: 242.3, y: 100.3, width: 12.4, height: 15.4 }, 1);
    expect(found.filter((c) => c.construct === "comb")).toHaveLength(0);
    expect(found.filter((c) => c.type === "checkbox")).toHaveLength(5);
  });

  it("reads separate squares a sliver apart as the squares, not as cells spanning the sliver", async () => {
    // Squares drawn as four lines each: the lines of neighbours also bound a cell from one square's
    // right edge to the next one's, which must not stand in for the squares.
    const found = await candidates((p) => {
      p.text("SSN", 72, 112);
      for (let i = 0; i < 4; i++) {
        const x = 130 + i * 17.8;
        p.line(x, 100, x + 15.8, 100, 1).line(x, 115.8, x + 15.8, 115.8, 1).line(x, 100, x, 115.8, 1).line(x + 15.8, 100, x + 15.8, 115.8, 1);
      }
    });
    const cells = found.filter((c) => c.type === "text").sort((a, b) => a.box.x - b.box.x);
    expect(cells.map((c) => Math.round(c.box.x))).toEqual([131, 148, 166, 184]);
    expect(cells.every((c) => c.box.width < 15)).toBe(true);
  });

  it("finds the blank under a telephone caption with the area code's brackets printed in it", async () => {
    const found = await candidates((p) => {
      p.rect({ x: 436, y: 279, width: 132, height: 30 }, { border: 0.7 }).text("Telephone Number", 439, 289, 10);
      p.text("(", 439, 304, 10).text(")", 472, 304, 10);
    });
    expect(found).toHaveLength(1);
    expect(found[0]).toMatchObject({ type: "text", construct: "caption-cell", label: "Telephone Number" });
    expect(found[0].box.x).toBeCloseTo(436.35, 0);
    expect(found[0].box.width).toBeGreaterThan(130);
  });

  it("takes a box with a drop-down button drawn against its right side for one text field, the button no checkbox", async () => {
    const found = await candidates((p) => {
      p.text("State", 60, 230).rect({ x: 84, y: 216, width: 36, height: 18 }, { border: 0.5 });
      p.rect({ x: 106, y: 217, width: 13, height: 16 }, { fill: [0.9, 0.9, 0.9] }).rect({ x: 110, y: 223, width: 5, height: 3 }, { fill: [0, 0, 0] });
    });
    expect(found.filter((c) => c.type === "checkbox")).toEqual([]);
    expect(found).toHaveLength(1);
    expectBox(found[0].box, { x: 84.25, y: 216.25, width: 35.5, height: 17.5 });
  });

  it("finds an amount box with a currency sign printed in it", async () => {
    const found = await candidates((p) => p.text("Total due", 72, 113).rect({ x: 150, y: 100, width: 100, height: 18 }, { border: 0.75 }).text("$", 153, 113));
    expect(found).toHaveLength(1);
    expectBox(found[0].box, { x: 150.4, y: 100.4, width: 99.3, height: 17.3 });
  });

  it("finds a line of typed dots after a label, but not dot leaders running into a box", async () => {
    const found = await candidates((p) => {
      p.text("Place of birth ..............................................", 72, 100);
      const leader = "Total income ....................................";
      p.text(leader, 72, 140).rect({ x: 72 + p.width(leader) + 6, y: 128, width: 100, height: 16 }, { border: 0.75 });
    });
    const dots = found.filter((c) => c.construct === "underscores");
    expect(dots).toHaveLength(1);
    expect(dots[0].box.y).toBeLessThan(100);
    expect(dots[0].box.x).toBeGreaterThan(72 + 55);
    expect(found.filter((c) => c.construct === "box")).toHaveLength(1);
  });

  it("takes dots right after a Yes or No for a leader across the row, not a line to write on", async () => {
    const found = await candidates((p) => {
      p.text("Yes .......................................................................", 84, 200, 8);
      p.text("Institution name:", 330, 200, 8);
      p.text("Other ..............................................", 84, 240, 8);
    });
    const dots = found.filter((c) => c.construct === "underscores");
    expect(dots).toHaveLength(1);
    expect(dots[0].box.y).toBeGreaterThan(220);
  });

  it("does not join a column of separate small checkboxes into one long rule", async () => {
    const found = await candidates((p) => {
      ["Cash", "Check", "Card", "Other"].forEach((label, i) => p.rect({ x: 72, y: 100 + i * 13, width: 7, height: 7 }, { border: 0.6 }).text(label, 84, 107 + i * 13, 8));
    });
    expect(found.map((c) => c.type)).toEqual(["checkbox", "checkbox", "checkbox", "checkbox"]);
  });
});

describe("vector detection: one rule holding several fields", () => {
  it("splits a rule at the captions under it", async () => {
    const found = await candidates((p) => {
      p.line(72, 200, 540, 200).text("City, state, zip", 73, 208, 8).text("Telephone no.", 400, 208, 8);
    });
    const lines = found.filter((c) => c.construct === "underline").sort((a, b) => a.box.x - b.box.x);
    expect(lines.map((c) => c.label)).toEqual(["City, state, zip", "Telephone no"]);
    expect(lines[0].box.x).toBeCloseTo(72, 0);
    expect(lines[0].box.x + lines[0].box.width).toBeLessThanOrEqual(400);
    expect(lines[0].box.x + lines[0].box.width).toBeGreaterThan(390);
    expect(lines[1].box.x).toBeGreaterThanOrEqual(396);
    expect(lines[1].box.x + lines[1].box.width).toBeCloseTo(540, 0);
  });

  it("reads captions set a space apart under two rules of one line as two captions", async () => {
    const found = await candidates((p) => {
      const first = "(Telephone Number with Area Code)";
      const end = 73 + p.width(first, 10);
      const next = 73 + p.width(first + " ", 10);
      p.line(72.8, 656, end + 0.5, 656, 0.5).line(next - 1, 656, 527.3, 656, 0.5);
      p.text(first, 73, 665, 10).text("(E-mail Address - Optional)", next, 665, 10);
    });
    const lines = found.filter((c) => c.construct === "underline").sort((a, b) => a.box.x - b.box.x);
    expect(lines.map((c) => c.label)).toEqual(["(Telephone Number with Area Code)", "(E-mail Address - Optional)"]);
  });

  it("splits such captions at the word space only, also where the rules of the line differ a little in height", async () => {
    const found = await candidates((p) => {
      // Missouri's child rows: the rules sit 0.3 pt apart in height and the captions run past their ends.
      const a = "(Jr./Sr./III)";
      const b = "(Child's Age)";
      const aEnd = 401.4 + p.width(a, 8);
      const bStart = 401.4 + p.width(a + "  ", 8);
      p.line(401, 595.2, aEnd - 0.5, 595.2, 0.5).line(bStart + 4.5, 594.9, bStart + 47, 594.9, 0.5).line(509, 594.9, 553.5, 594.9, 0.5);
      p.text(a, 401.4, 603, 8).text(b, bStart, 603, 8).text("(Last 4 digits)", 505, 603, 8);
    });
    const lines = found.filter((c) => c.construct === "underline").sort((a, b) => a.box.x - b.box.x);
    expect(lines.map((c) => c.label)).toEqual(["(Jr./Sr./III)", "(Child's Age)", "(Last 4 digits)"]);
  });

  it("splits a rule halfway between captions centred under its parts, and takes a lone centred caption", async () => {
    const found = await candidates((p) => {
      p.line(72, 200, 472, 200).text("(Name)", 160, 208, 8).text("(Title)", 360, 208, 8);
      p.line(72, 300, 300, 300).text("(Signature of applicant)", 140, 308, 8);
    });
    const lines = found.filter((c) => c.construct === "underline").sort((a, b) => a.box.y - b.box.y || a.box.x - b.box.x);
    expect(lines.map((c) => c.label)).toEqual(["(Name)", "(Title)", "(Signature of applicant)"]);
    expect(lines[0].box.x + lines[0].box.width).toBeLessThan(lines[1].box.x);
    expect(Math.abs(lines[0].box.x + lines[0].box.width - 273)).toBeLessThan(8);
    expect(lines[2]).toMatchObject({ type: "signature" });
    expect(lines[2].box.width).toBeCloseTo(228, 0);
  });

  it("splits a rule at the labels printed on it, keeping the part a label left of it names", async () => {
    let dateEnd = 0;
    const found = await candidates((p) => {
      p.text("Name:", 72, 100).line(105, 102, 540, 102).text("Date:", 330, 100);
      dateEnd = 330 + p.width("Date:");
    });
    const lines = found.filter((c) => c.construct === "underline").sort((a, b) => a.box.x - b.box.x);
    expect(lines.map((c) => c.label)).toEqual(["Name", "Date"]);
    expect(lines[0].box.x).toBeCloseTo(105, 0);
    expect(lines[0].box.x + lines[0].box.width).toBeLessThan(330);
    expect(lines[1].box.x).toBeGreaterThan(dateEnd);
    expect(lines[1].box.x + lines[1].box.width).toBeCloseTo(540, 0);
  });

  it("splits a rule at labels set above it, the writing space between, but not under a paragraph's last line", async () => {
    const found = await candidates((p) => {
      p.text("Name of applicant", 72, 100, 8).text("Date of birth", 380, 100, 8).line(72, 122, 540, 122);
      p.text("Please print clearly in black ink and keep a copy of this form for your", 72, 200).text("records.", 72, 212).line(72, 232, 540, 232);
    });
    const lines = found.filter((c) => c.construct === "underline").sort((a, b) => a.box.x - b.box.x);
    expect(lines.map((c) => c.label)).toEqual(["Name of applicant", "Date of birth"]);
    expect(lines[0].box.x).toBeCloseTo(72, 0);
    expect(lines[0].box.x + lines[0].box.width).toBeLessThan(380);
    expect(lines[1].box.x + lines[1].box.width).toBeCloseTo(540, 0);
    expect(lines.every((c) => c.box.y > 100 && c.box.y + c.box.height <= 122.5)).toBe(true);
  });

  it("takes the blank after a colon label set over a rule's start as the label's row, not the rule under the next row's label", async () => {
    // Form 108's lease rows: each label sits a line above a grey rule across the column; the next row's label hangs under the rule.
    let nameEnd = 0;
    let descriptionEnd = 0;
    const found = await candidates((p) => {
      // The rules alternate in extent as the form's do (not a ruled table).
      p.line(54, 132, 589, 132, 1);
      p.text("Lessor's name:", 54.7, 145, 8).line(54, 154.5, 445, 154.5, 1);
      p.text("Description of leased", 54.7, 163, 8).text("property:", 54.7, 172, 8).line(54, 185, 589, 185, 1);
      p.text("Lessor's name:", 54.7, 195, 8);
      nameEnd = 54.7 + p.width("Lessor's name:", 8);
      descriptionEnd = 54.7 + p.width("Description of leased", 8);
    });
    const lines = found.filter((c) => c.construct === "underline").sort((a, b) => a.box.y - b.box.y);
    expect(lines.map((c) => c.label)).toEqual(["Lessor's name", "Description of leased property"]);
    // The name's blank is on the label's line, after it, as tall as a line of writing.
    expectBox(lines[0].box, { x: nameEnd + 2, y: 135.8, width: 445 - nameEnd - 2, height: 12.8 }, 1);
    // The two-line label has the band between the rules.
    expect(lines[1].box.x).toBeGreaterThan(descriptionEnd);
    expectBox({ ...lines[1].box, x: 0, width: 0 }, { x: 0, y: 156.5, width: 0, height: 26.5 }, 1);
  });

  it("leaves the lines of a long answer under a colon label to the label's stack, one field per line", async () => {
    let first = 0;
    const found = await candidates((p) => {
      // The generator's ruled lines: "Describe your duties:" on the first line, the others under it;
      // a section rule and an instruction line above make the label look like a band's.
      p.line(55, 385, 540, 385, 0.5).text("Tell us about your work", 55, 396, 10);
      p.text("Describe your duties:", 55, 408, 10);
      first = 55 + p.width("Describe your duties:") + 4;
      p.line(first, 409, 540, 409).line(55, 427, 540, 427).line(55, 445, 540, 445);
      // A paragraph's last line ending in a colon over a rule is no label either.
      p.text("Call the help line during business hours if you have any question about the fees", 300, 600, 9);
      p.text("or the delivery of this form; say which of these applies:", 300, 610, 9).line(300, 630, 540, 630);
    });
    const lines = found.filter((c) => c.construct === "underline" && c.box.y < 500).sort((a, b) => a.box.y - b.box.y);
    expect(lines.map((c) => [Math.round(c.box.x), Math.round(c.box.x + c.box.width), Math.round(c.box.y + c.box.height)])).toEqual([
      [Math.round(first), 540, 409],
      [55, 540, 427],
      [55, 540, 445],
    ]);
    expect(found.filter((c) => c.box.y > 500 && c.box.width < 100)).toEqual([]);
  });

  it("leaves section titles set on or over a rule alone", async () => {
    const found = await candidates((p) => {
      p.text("PART 5: INSURANCE INFORMATION", 72, 100).line(72, 102, 540, 102);
      p.text("Payment details", 72, 160, 11).line(72, 162, 540, 162);
      p.text("Certification", 72, 200, 11).line(72, 222, 540, 222);
      p.text("Answer every question on this page; attach more pages where you need more room.", 72, 260);
    });
    expect(found).toEqual([]);
  });
});

describe("vector detection: checkboxes typed in symbol fonts", () => {
  it("finds Wingdings and ZapfDingbats box characters ('o', 'q', 'r', '¨') and Unicode boxes, each beside its option", async () => {
    const found = await candidates((p) => {
      p.glyph("Wingdings-Regular", 0x6f, 72, 100, 11).text("Single", 86, 100);
      p.glyph("Wingdings", 0x71, 160, 100, 11).text("Married", 174, 100);
      p.glyph("ABCDEF+Wingdings-Regular", 0xa8, 250, 100, 11).text("Divorced", 264, 100);
      p.glyph("ZapfDingbats", 0x71, 72, 130, 11).text("Yes", 86, 130);
      p.glyph("ZapfDingbats", 0x72, 160, 130, 11).text("No", 174, 130);
      p.text("\u2751", 250, 130, 11, p.dingbats).text("Unsure", 264, 130);
    });
    const boxes = found.filter((c) => c.type === "checkbox").sort((a, b) => a.box.y - b.box.y || a.box.x - b.box.x);
    expect(boxes.map((b) => b.construct)).toEqual(Array(6).fill("checkbox-glyph"));
    for (const b of boxes) expect(b.box.width).toBeGreaterThan(5);
    expect(found.filter((c) => c.type !== "checkbox")).toHaveLength(0);
  });

  it("takes filled squares ('n') for checked boxes among open ones, but not for bullets of a list", async () => {
    const boxes = await candidates((p) => {
      p.glyph("Wingdings", 0x6f, 72, 100, 11).text("Paper statements", 86, 100);
      p.glyph("Wingdings", 0x6e, 72, 116, 11).text("Email statements", 86, 116);
    });
    expect(boxes.filter((c) => c.type === "checkbox")).toHaveLength(2);
    const bullets = await candidates((p) => {
      p.glyph("Wingdings", 0x6e, 72, 100, 8).text("Bring a photo ID to the appointment.", 86, 100);
      p.glyph("Wingdings", 0x6e, 72, 116, 8).text("Arrive ten minutes early.", 86, 116);
    });
    expect(bullets).toEqual([]);
  });
});

describe("vector detection: framed boxes in a form's header", () => {
  it("finds the blank right of a label inside a small framed box, but not in a section title bar", async () => {
    let labelEnd = 0;
    const found = await candidates((p) => {
      p.text("APPLICATION FOR A PERMIT", 72, 60, 16, p.bold);
      p.rect({ x: 400, y: 40, width: 160, height: 18 }, { border: 1 }).text("FILE NO.", 404, 53, 9, p.bold);
      labelEnd = 404 + p.width("FILE NO.", 9, p.bold);
      p.rect({ x: 40, y: 100, width: 530, height: 18 }, { border: 1 }).text("Applicant information", 44, 113, 10, p.bold);
    });
    expect(found).toHaveLength(1);
    expect(found[0]).toMatchObject({ type: "text", construct: "label-cell", label: "FILE NO." });
    expect(found[0].box.x).toBeGreaterThan(labelEnd);
    expect(found[0].box.x - labelEnd).toBeLessThan(5);
    expect(found[0].box.x + found[0].box.width).toBeCloseTo(559.5, 0);
    expect(found[0].box.height).toBeCloseTo(17, 0);
  });
});

describe("vector detection: labels inside table cells", () => {
  it("takes the blank after a colon label in a table's cell, but not a cell's printed content", async () => {
    const found = await candidates((p) => {
      p.rect({ x: 40, y: 100, width: 260, height: 14 }, { border: 0.5 }).rect({ x: 300, y: 100, width: 260, height: 14 }, { border: 0.5 });
      p.text("Email:", 43, 111, 8).text("Kansas City", 303, 111, 8);
    });
    const cells = found.filter((c) => c.construct === "label-cell");
    expect(cells).toHaveLength(1);
    expect(cells[0]).toMatchObject({ type: "text", label: "Email:" });
    expect(cells[0].box.x + cells[0].box.width).toBeCloseTo(299.75, 0);
  });

  it("takes the room under a caption in a tight cell of a signature block, 7.5 pt under the caption", async () => {
    const found = await candidates((p) => {
      p.rect({ x: 354.5, y: 690, width: 100.5, height: 17.5 }, { border: 0.5 }).rect({ x: 455, y: 690, width: 120.5, height: 17.5 }, { border: 0.5 });
      p.text("Date", 358, 697.2, 7).text("Daytime phone number", 459, 697.2, 7);
    });
    const cells = found.filter((c) => c.construct === "caption-cell").sort((a, b) => a.box.x - b.box.x);
    expect(cells.map((c) => c.label)).toEqual(["Date", "Daytime phone number"]);
    expect(cells[0].box.height).toBeGreaterThan(7);
  });

  it("takes the room above a caption centred at a cell's foot, but not a line number low in a narrow cell", async () => {
    let captionTop = 0;
    const found = await candidates((p) => {
      // The EOIR's address table: a blank strip over "Number; Street; Apartment (if any)" in one cell.
      const caption = "Number; Street; Apartment (if any)";
      p.rect({ x: 36.5, y: 360.4, width: 260.3, height: 24.6 }, { border: 0.5 });
      p.text(caption, 36.5 + (260.3 - p.width(caption, 9)) / 2, 382.6, 9);
      captionTop = 382.6 - 9 * 0.718;
      p.rect({ x: 474.6, y: 100, width: 17.3, height: 30 }, { border: 0.5 }).text("13", 478, 127, 8);
    });
    const cells = found.filter((c) => c.construct === "caption-cell");
    expect(cells).toHaveLength(1);
    expect(cells[0].label).toBe("Number; Street; Apartment (if any)");
    expect(cells[0].box.y).toBeCloseTo(360.65, 0);
    expect(cells[0].box.y + cells[0].box.height).toBeLessThan(captionTop);
    expect(cells[0].box.height).toBeGreaterThan(10);
  });

  it("takes the room under a colon caption set larger or bolder than the page's body text (a court form's header cells)", async () => {
    const found = await candidates((p) => {
      p.rect({ x: 35, y: 71, width: 193.5, height: 27.5 }, { border: 0.5 }).rect({ x: 228.5, y: 71, width: 211.5, height: 27.5 }, { border: 0.5 });
      p.text("Judge or Division:", 40.6, 82.4, 10).text("Case Number:", 234, 82.3, 10, p.bold);
      // The body of the page is set at 8 pt.
      for (let i = 0; i < 12; i++) p.text("I swear or affirm under penalty of perjury that the statements in this motion are true.", 40, 300 + i * 10, 8);
    });
    const cells = found.filter((c) => c.construct === "caption-cell").sort((a, b) => a.box.x - b.box.x);
    expect(cells.map((c) => c.label)).toEqual(["Judge or Division:", "Case Number:"]);
    expect(cells.every((c) => c.box.y > 85 && c.box.y + c.box.height <= 98.5)).toBe(true);
  });
});

describe("vector detection: typed fill-in lines", () => {
  it("splits a run of underscores at the captions under it, but not at the parts of a name", async () => {
    const line = "________________________________________________________";
    let run = { from: 0, to: 0 };
    const found = await candidates((p) => {
      p.text(line, 72, 200);
      run = { from: 72, to: 72 + p.width(line) };
      p.text("City", 73, 210, 7).text("State", 220, 210, 7).text("ZIP Code", 290, 210, 7);
      p.text(line, 72, 300);
      p.text("First Name", 73, 310, 7).text("Middle Name", 180, 310, 7).text("Last Name", 290, 310, 7);
    });
    const parts = found.filter((c) => c.construct === "underscores").sort((a, b) => a.box.y - b.box.y || a.box.x - b.box.x);
    expect(parts.map((c) => c.label)).toEqual(["City", "State", "ZIP Code", undefined]);
    expect(parts[0].box.x).toBeCloseTo(run.from, 0);
    expect(parts[0].box.x + parts[0].box.width).toBeLessThan(220);
    expect(parts[1].box.x).toBeGreaterThan(215);
    // The field runs on 4 pt past the last underscore, as authors' widgets do.
    expect(parts[2].box.x + parts[2].box.width).toBeCloseTo(run.to + 4, 0);
    expect(parts[3].box.width).toBeCloseTo(run.to - run.from + 4, 0);
  });

  it("makes one field of the two blanks around 'District of', unless a caption under one names it apart", async () => {
    const blank = "__________";
    let run = { from: 0, to: 0 };
    const found = await candidates((p) => {
      // The official bankruptcy forms' court line: one value ("Eastern District of Michigan").
      const court = "United States Bankruptcy Court for the: ";
      const a = 36 + p.width(court, 7);
      const word = a + p.width(blank + " ", 7);
      const b = word + p.width("District of ", 7);
      p.text(court, 36, 118, 7).text(blank, a, 118, 7).text("District of", word, 118, 7).text(blank, b, 118, 7);
      run = { from: a, to: b + p.width(blank, 7) };
      // An older layout names the second blank "(State)".
      p.text(blank, 36, 218, 7).text("District of", 80, 218, 7).text(blank, 112, 218, 7).text("(State)", 118, 225, 6);
    });
    const parts = found.filter((c) => c.construct === "underscores").sort((a, b) => a.box.y - b.box.y || a.box.x - b.box.x);
    expect(parts).toHaveLength(3);
    expect(parts[0].box.x).toBeCloseTo(run.from, 0);
    expect(parts[0].box.x + parts[0].box.width).toBeCloseTo(run.to + 4, 0);
    expect(parts[0].box.height).toBeGreaterThan(10);
    expect(parts.slice(1).map((c) => Math.round(c.box.x))).toEqual([36, 112]);
  });

  it("keeps a part as narrow as its caption where captions split a run ('State' between City and ZIP Code)", async () => {
    const line = "______________________________________";
    const found = await candidates((p) => {
      p.text(line, 47, 440, 7);
      p.text("City", 47.2, 447, 6).text("State", 135.6, 447, 6).text("ZIP Code", 158.1, 447, 6);
    });
    const parts = found.filter((c) => c.construct === "underscores").sort((a, b) => a.box.x - b.box.x);
    expect(parts.map((c) => c.label)).toEqual(["City", "State", "ZIP Code"]);
    expect(parts[1].box.width).toBeGreaterThan(18);
    expect(parts[1].box.width).toBeLessThan(24);
  });

  it("tells captions under a typed line apart at a narrower gap than other text ('State   ZIP Code' set three spaces apart)", async () => {
    const line = "__________________________________________";
    const found = await candidates((p) => {
      p.text(line, 76.6, 529.6, 7);
      const zip = 171 + p.width("State", 7) + 6.2;
      p.text("City", 76.6, 537.7, 7).text("State", 171, 537.7, 7).text("ZIP Code", zip, 537.7, 7);
    });
    const parts = found.filter((c) => c.construct === "underscores").sort((a, b) => a.box.x - b.box.x);
    expect(parts.map((c) => c.label)).toEqual(["City", "State", "ZIP Code"]);
  });

  it("splits an address line at its captions near the page's foot, but not a footer rule across the page", async () => {
    const line = "________________________________________________________";
    const found = await candidates((p) => {
      p.text(line, 72, 744);
      p.text("City", 73, 751, 7).text("State", 220, 751, 7).text("ZIP Code", 290, 751, 7);
      p.line(36, 762, 576, 762).text("Official Form 106H", 38, 771, 7).text("Schedule H", 250, 771, 7);
    });
    const parts = found.filter((c) => c.construct === "underscores").sort((a, b) => a.box.x - b.box.x);
    expect(parts.map((c) => c.label)).toEqual(["City", "State", "ZIP Code"]);
    expect(found.filter((c) => c.box.y > 752)).toEqual([]);
  });

  it("splits a run of underscores at centred captions set tight under it", async () => {
    const line = "___________________________________________________________________________";
    const found = await candidates((p) => {
      p.text("Name:", 30, 200).text(line, 60, 200);
      p.text("(First)", 123, 208.5).text("(Middle Initial)", 267, 208.5).text("(Last)", 446, 208.5);
    });
    const parts = found.filter((c) => c.construct === "underscores").sort((a, b) => a.box.x - b.box.x);
    expect(parts.map((c) => c.label)).toEqual(["(First)", "(Middle Initial)", "(Last)"]);
  });

  it("ends a field over underscores at the last one where text follows at once", async () => {
    let end = 0;
    const found = await candidates((p) => {
      p.text("Pay", 72, 200).text("__________", 95, 200);
      end = 95 + p.width("__________");
      p.text("dollars", end + 2, 200);
    });
    const field = found.find((c) => c.construct === "underscores");
    expect(field!.box.x + field!.box.width).toBeCloseTo(end, 0);
  });

  it("takes digit slots typed as spaced pairs of underscores as one field, but not a pair inside a word", async () => {
    let end = 0;
    const found = await candidates((p) => {
      // The groups a little more than a space apart, as the US Courts' forms set them.
      const a = 200 + p.width("__ __ __", 9) + 10;
      const b = a + p.width("__ __", 9) + 10;
      p.text("Social Security number", 72, 200, 9).text("__ __ __", 200, 200, 9).text("__ __", a, 200, 9).text("__ __ __ __", b, 200, 9);
      end = b + p.width("__ __ __ __", 9);
      p.text("Keep file__name as it is.", 72, 260, 9);
    });
    const fields = found.filter((c) => c.construct === "underscores");
    expect(fields).toHaveLength(1);
    expect(fields[0].box.x).toBeCloseTo(200, 0);
    expect(fields[0].box.x + fields[0].box.width).toBeGreaterThanOrEqual(end - 1);
  });

  it("takes two underscores standing as a word for a small blank, but not two inside a date", async () => {
    let blank = 0;
    const found = await candidates((p) => {
      p.text("page __ of", 520, 775, 7);
      blank = 520 + p.width("page ", 7);
      p.text("Marriage Date __/__/____", 72, 300, 9);
    });
    const small = found.filter((c) => c.box.y > 700);
    expect(small).toHaveLength(1);
    expect(small[0].box.x).toBeLessThan(blank);
    expect(small[0].box.x + small[0].box.width).toBeGreaterThan(blank + 7);
    expect(found.filter((c) => c.box.y < 700 && c.box.x < 150)).toEqual([]);
  });

  it("takes short equal underscore runs set evenly on one line as one comb field", async () => {
    let end = 0;
    const found = await candidates((p) => {
      p.text("Last 4 digits of account number", 72, 100);
      const start = 72 + p.width("Last 4 digits of account number ");
      // Set apart by more than a space, as forms print them.
      for (let i = 0; i < 4; i++) p.text("___", start + i * 20, 100);
      end = start + 60 + p.width("___");
    });
    const combs = found.filter((c) => c.construct === "underscores");
    expect(combs).toHaveLength(1);
    expect(combs[0]).toMatchObject({ type: "text", comb: 4 });
    expect(combs[0].box.x + combs[0].box.width).toBeCloseTo(end, 0);
  });
});

describe("vector detection: rules for one character each", () => {
  it("gives each of a row of short even rules after a label its own field, but not a dashed rule", async () => {
    const found = await candidates((p) => {
      p.text("Year", 214, 474, 9);
      for (let i = 0; i < 4; i++) p.line(244.6 + i * 21.6, 474, 259.5 + i * 21.6, 474, 0.5);
      p.text("Notes", 72, 520, 9);
      for (let i = 0; i < 20; i++) p.line(110 + i * 18, 520, 122 + i * 18, 520, 0.5);
    });
    const digits = found.filter((c) => c.construct === "digit-rule").sort((a, b) => a.box.x - b.box.x);
    expect(digits).toHaveLength(4);
    expectBox(digits[0].box, { x: 244.6, y: 474 - 14.4, width: 14.9, height: 14.4 });
  });
});

describe("vector detection: columns of entry lines", () => {
  it("gives each rule of a narrow column under a heading a field, but not the lines of one long answer", async () => {
    const found = await candidates((p) => {
      p.text("NO. OF INSURED", 218, 490, 7, p.bold).text("TAXPAYER", 304, 490, 7, p.bold);
      for (const y of [503, 515, 527, 539]) p.line(216, y, 281, y, 0.5).line(288, y, 360, y, 0.5);
      p.text("Comments", 72, 600, 9, p.bold);
      for (const y of [616, 630, 644]) p.line(72, y, 540, y, 0.5);
    });
    const lines = found.filter((c) => c.construct === "underline");
    expect(lines.filter((c) => c.box.x < 285 && c.box.y < 560)).toHaveLength(4);
    expect(lines.filter((c) => c.box.y < 560)).toHaveLength(8);
    expect(lines.filter((c) => c.box.y > 560)).toEqual([]);
  });

  it("gives each line of a lined area a field where an item number stands beside its first line, not an unlabelled ruling", async () => {
    const found = await candidates((p) => {
      // USCIS's "Additional Information" page: "3.d." beside the first of a stack of lines 18 pt apart.
      p.text("3.d.", 36, 332.9, 10, p.bold);
      for (let i = 0; i < 6; i++) p.line(60, 342 + i * 18, 294, 342 + i * 18, 0.6);
      for (let i = 0; i < 6; i++) p.line(330, 342 + i * 18, 560, 342 + i * 18, 0.6);
    });
    const lines = found.filter((c) => c.construct === "underline").sort((a, b) => a.box.y - b.box.y);
    expect(lines).toHaveLength(6);
    expect(lines.every((c) => c.box.x === 60 && c.box.width === 234)).toBe(true);
    expect(lines[0].label).toBe("3.d");
    expect(lines[1].box.y + lines[1].box.height).toBeCloseTo(360, 0);
  });
});

describe("vector detection: tables without an outer edge", () => {
  it("closes the first cell of rows whose rules start at the open page margin", async () => {
    const found = await candidates((p) => {
      for (const y of [100, 124, 148]) p.line(36, y, 576, y);
      p.line(300, 100, 300, 148);
      p.text("Your first name and middle initial", 38, 107, 6).text("Last name", 302, 107, 6);
      p.text("Spouse's first name", 38, 131, 6).text("Last name", 302, 131, 6);
    });
    const cells = found.filter((c) => c.construct === "caption-cell").sort((a, b) => a.box.y - b.box.y || a.box.x - b.box.x);
    expect(cells.map((c) => c.label)).toEqual(["Your first name and middle initial", "Last name", "Spouse's first name", "Last name"]);
    expect(cells[0].box.x).toBeCloseTo(36, 0);
    expect(cells[0].box.x + cells[0].box.width).toBeCloseTo(299.5, 0);
  });

  it("closes the first cell under a top rule drawn in two pieces of different weight", async () => {
    const found = await candidates((p) => {
      // The IRS draws the rule under its header in two pieces, after a logo's frame that ends on it.
      p.line(432, 70, 432, 95.9, 2).line(462, 70, 462, 95.9, 2).line(432, 95.9, 462, 95.9, 2);
      p.line(36, 96, 123, 96, 1).line(122, 96, 576, 96, 1).line(36, 120, 576, 120, 0.5);
      p.line(468, 96, 468, 120, 0.5);
      p.text("Name(s) shown on return", 38, 103, 7).text("Your social security number", 470, 103, 7);
    });
    const cells = found.filter((c) => c.construct === "caption-cell").sort((a, b) => a.box.x - b.box.x);
    expect(cells.map((c) => c.label)).toEqual(["Name(s) shown on return", "Your social security number"]);
    expect(cells[0].box.x).toBeCloseTo(36, 0);
  });

  it("takes no checkbox from a small cell at the open edge", async () => {
    const found = await candidates((p) => {
      for (const y of [100, 118, 136]) p.line(40, y, 576, y);
      p.line(58, 100, 58, 136).line(300, 100, 300, 136);
      p.text("Gifts by cash or check", 62, 112, 8).text("Other than by cash or check", 62, 130, 8);
    });
    expect(found.filter((c) => c.type === "checkbox")).toEqual([]);
  });

  it("leaves stacked rules without any divider between them alone", async () => {
    const found = await candidates((p) => {
      p.text("Comments", 72, 96, 9);
      for (const y of [120, 144, 168]) p.line(72, y, 540, y);
    });
    expect(found.every((c) => c.construct === "underline")).toBe(true);
  });
});

describe("vector detection: amount boxes", () => {
  it("takes the blank left of cents printed at the end of an amount box, not a box of other text", async () => {
    let centsStart = 0;
    const found = await candidates((p) => {
      p.rect({ x: 400, y: 100, width: 120, height: 16 }, { border: 1 }).text(".", 505, 112, 10).text("00", 508, 112, 8);
      centsStart = 505;
      p.rect({ x: 400, y: 140, width: 120, height: 16 }, { border: 1 }).text("Total 00", 470, 152, 8);
    });
    expect(found).toHaveLength(1);
    expect(found[0]).toMatchObject({ type: "text" });
    expect(found[0].box.x).toBeCloseTo(400.5, 0);
    expect(found[0].box.x + found[0].box.width).toBeLessThan(centsStart);
    expect(found[0].box.x + found[0].box.width).toBeGreaterThan(centsStart - 3);
    expect(found[0].box.y).toBeLessThan(101);
  });
});

describe("vector detection: amount columns", () => {
  it("puts one line of writing at the foot of a roomy one-line box", async () => {
    const found = await candidates((p) => p.text("Name", 72, 96).rect({ x: 72, y: 100, width: 200, height: 25 }, { border: 1 }));
    expect(found).toHaveLength(1);
    expectBox(found[0].box, { x: 72.5, y: 106.5, width: 199, height: 18 });
    expect(found[0].multiline).toBeUndefined();
  });

  it("takes a light fill as a box, but not a narrow shaded strip behind a column of line numbers", async () => {
    const found = await candidates((p) => {
      p.text("Name", 72, 96).rect({ x: 72, y: 100, width: 200, height: 18 }, { fill: [0.9, 0.93, 0.97] });
      p.rect({ x: 40, y: 200, width: 15, height: 60 }, { fill: [0.9, 0.9, 0.9] });
      for (const [i, n] of ["11", "12", "13"].entries()) p.text(n, 60, 215 + i * 18);
    });
    expect(found).toHaveLength(1);
    expect(found[0]).toMatchObject({ construct: "fill-box" });
  });

  it("gives a box taller than the one-line boxes of its column one line at its bottom, but keeps a wide answer box multiline", async () => {
    const found = await candidates((p) => {
      for (const [y, h] of [[100, 16], [116, 16], [132, 40], [172, 16]] as const) p.rect({ x: 450, y, width: 100, height: h }, { border: 1 });
      for (const [y, h] of [[300, 16], [316, 16], [332, 60]] as const) p.rect({ x: 72, y, width: 400, height: h }, { border: 1 });
    });
    const tall = found.find((c) => c.box.x > 440 && c.box.y > 130 && c.box.y < 172);
    expect(tall).toMatchObject({ type: "text" });
    expect(tall!.multiline).toBeUndefined();
    expect(tall!.box.height).toBeCloseTo(15, 0);
    expect(tall!.box.y + tall!.box.height).toBeCloseTo(171.5, 0);
    const answer = found.find((c) => c.box.x < 80 && c.box.y > 330);
    expect(answer).toMatchObject({ multiline: true });
    expect(answer!.box.height).toBeGreaterThan(55);
  });

  it("keeps a tall box multiline where the one-line boxes of its shape stand elsewhere on the page, not stacked on it", async () => {
    // Schedule A/B's vehicles: "Year" boxes 25 pt tall far up the page, an "Other information" box 45 pt tall below.
    const found = await candidates((p) => {
      for (const y of [150, 260]) p.rect({ x: 68, y, width: 140, height: 25 }, { border: 0.5 });
      p.text("Other information:", 68, 454, 8).rect({ x: 68, y: 459, width: 140, height: 45 }, { border: 0.5 });
    });
    const other = found.find((c) => c.box.y > 450);
    expect(other).toMatchObject({ type: "text", multiline: true });
    expect(other!.box.height).toBeGreaterThan(40);
  });
});

describe("vector detection: things that are not fields", () => {
  it("ignores the rule across the page's foot above its footer, but not a shorter field rule there", async () => {
    const found = await candidates((p) => {
      p.line(36, 740, 576, 740).text("Form I-765 Edition 01/20/25", 37, 750, 8).text("Page 1 of 7", 520, 750, 8);
      p.line(36, 770, 200, 770).text("Date", 37, 780, 8);
    });
    expect(found).toHaveLength(1);
    expect(found[0]).toMatchObject({ construct: "underline", label: "Date" });
  });

  it("ignores a section rule whose 'caption' is the next row's label", async () => {
    const found = await candidates((p) => {
      p.line(72, 100, 540, 100, 1);
      p.text("Email", 72, 110, 9).rect({ x: 72, y: 112, width: 200, height: 18 }, { border: 0.75 });
    });
    expect(found).toHaveLength(1);
    expect(found[0].construct).toBe("box");
  });

  it("ignores a heading with a rule under it, a paragraph with an underlined phrase, and a bare rule", async () => {
    const found = await candidates((p) => {
      p.text("Section 1: Applicant information", 72, 100, 14, p.bold).line(72, 106, 540, 106, 1);
      p.text("Please read the instructions carefully before you start.", 72, 130).line(72, 132, 120, 132, 0.5);
      p.line(72, 170, 540, 170, 1.5);
    });
    expect(found).toEqual([]);
  });

  it("ignores the straight edges of a rounded side panel, but not a rule beside it", async () => {
    const found = await candidates((p) => {
      p.text("here", 36, 350, 9).rounded({ x: 29, y: 360, width: 59, height: 40 }, 6).text("Attach", 38, 372, 9).text("Sch. B if", 38, 383, 9).text("required.", 38, 394, 9);
      p.text("Name", 120, 380, 9).line(150, 384, 400, 384);
    });
    expect(found.map((c) => c.label)).toEqual(["Name"]);
  });

  it("ignores the boxes on the line of an office-use label, set on one line or two, but not boxes on other lines", async () => {
    const found = await candidates((p) => {
      p.text("Division", 42, 722, 8).text("use", 50, 731, 8);
      for (let i = 0; i < 4; i++) p.rect({ x: 80 + i * 18, y: 717, width: 14, height: 14 });
      p.text("For office use only", 300, 728, 8).rect({ x: 380, y: 718, width: 80, height: 14 });
      p.text("Account number", 42, 680, 8);
      for (let i = 0; i < 4; i++) p.rect({ x: 120 + i * 18, y: 670, width: 14, height: 14 });
      // A rule labelled for office use is the agency's too.
      p.line(380, 655, 560, 655).text("For office use only", 381, 663, 7);
      // So is a strip labelled a word a line, "For / USCIS / Use / Only".
      ["For", "USCIS", "Use", "Only"].forEach((w, i) => p.text(w, 300, 560 + i * 11, 10));
      p.text("Valid From", 340, 576, 8).line(385, 578, 470, 578);
      // The filer's side: "Paid Preparer Use Only" labels fields.
      p.text("Paid Preparer Use Only", 42, 620, 8).text("PTIN", 160, 620, 8).line(182, 622, 290, 622);
    });
    expect(found.filter((c) => c.box.y > 700 || c.box.x > 300)).toEqual([]);
    expect(found.filter((c) => c.box.y < 700)).toHaveLength(5);
    expect(found.filter((c) => c.box.y > 600 && c.box.y < 640).map((c) => c.label)).toEqual(["PTIN"]);
  });

  it("ignores a rule under the short last line of a paragraph", async () => {
    const found = await candidates((p) => {
      p.text("I declare that the information I have given on this form is correct and complete", 72, 100);
      p.text("to the best of my knowledge.", 72, 112).line(72, 114, 540, 114);
    });
    expect(found).toEqual([]);
  });

  it("ignores a page border, a notice box full of text, a shaded heading bar and a footer rule", async () => {
    const found = await candidates((p) => {
      p.rect({ x: 30, y: 30, width: 552, height: 732 }, { border: 1.5 });
      p.text("Name:", 72, 80).line(110, 80, 300, 80);
      p.rect({ x: 72, y: 100, width: 400, height: 40 }, { border: 0.75, fill: [0.93, 0.93, 0.93] });
      p.text("Return this form to the office by the end of the month.", 78, 115).text("Late forms are not accepted.", 78, 130);
      p.rect({ x: 72, y: 160, width: 400, height: 16 }, { fill: [0.2, 0.3, 0.5] }).text("PERSONAL DETAILS", 76, 172, 10, p.bold);
      p.line(72, 730, 540, 730, 0.5).text("Page 1 of 1", 490, 742, 8);
    });
    expect(found).toHaveLength(1);
    expect(found[0].label).toBe("Name");
  });

  it("ignores table headers even where the header cell over a number column is empty", async () => {
    const found = await candidates((p) => {
      for (const y of [100, 118, 136]) p.line(72, y, 400, y);
      for (const x of [72, 95, 300, 400]) p.line(x, 100, x, 136);
      p.text("Description", 98, 112, 9, p.bold).text("Qty", 303, 112, 9, p.bold).text("1.", 75, 130);
    });
    expect(found).toHaveLength(2);
    expect(found.every((c) => c.box.y > 118)).toBe(true);
  });
});
