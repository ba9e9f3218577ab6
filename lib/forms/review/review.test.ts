import { describe, expect, it } from "vitest";
import { bigEnough, boxFromDrag, guessType, moveBox, resizeBox, uniqueFieldName } from "./box-math";
import { checkEditedFields, clampToPage } from "./check-fields";
import { diffFields } from "./diff-fields";
import { editFieldsBodySchema } from "./edit-schema";

const page = { width: 612, height: 792 };
const pages = [{ page: 1, ...page }, { page: 2, width: 792, height: 612 }];
const field = (name: string, box = { x: 72, y: 100, width: 200, height: 18 }, type: "text" | "checkbox" | "signature" = "text", p = 1) => ({ name, type, page: p, box });

describe("checkEditedFields", () => {
  it("accepts fields on their pages, edges within the tolerance included", () => {
    expect(checkEditedFields([field("a"), field("b", { x: 592, y: 0, width: 200, height: 20 }, "text", 2), field("c", { x: -0.3, y: 770, width: 100, height: 22.4 })], pages)).toEqual([]);
  });

  it("names each bad field with its index and why", () => {
    const issues = checkEditedFields(
      [
        field("name"),
        field("Name"),
        field("off", { x: 500, y: 100, width: 200, height: 18 }),
        field("tiny", { x: 10, y: 10, width: 2, height: 2 }, "checkbox"),
        field("ghost", undefined, "text", 3),
        field("sig", { x: 10, y: 10, width: 60, height: 5 }, "signature"),
      ],
      pages,
    );
    expect(issues.map((i) => [i.index, i.part])).toEqual([
      [1, "name"],
      [2, "box"],
      [3, "box"],
      [4, "page"],
      [5, "box"],
    ]);
    expect(issues[0].message).toContain("already used by field 0");
    expect(issues[1].message).toContain("not inside page 1");
    expect(issues[2].message).toContain("at least 4 x 4 pt");
    expect(issues[3].message).toContain("document has 2 pages");
  });

  it("cuts a box that overhangs within the tolerance to the page, keeping its far edge", () => {
    expect(clampToPage({ x: -0.3, y: 10, width: 100, height: 612.4 - 10 }, pages[1])).toEqual({ x: 0, y: 10, width: 99.7, height: 602 });
  });
});

describe("editFieldsBodySchema", () => {
  it("takes back what GET gives, and refuses unknown keys, types and bad names", () => {
    const got = { ...field("full_name"), label: "Full name", score: 0.9, source: "vector", multiline: true, comb: 5 };
    expect(editFieldsBodySchema.safeParse({ fields: [got] }).success).toBe(true);
    const paths = (body: unknown) => editFieldsBodySchema.safeParse(body).error?.issues.map((i) => i.path.join("."));
    expect(paths({ fields: [{ ...got, colour: "red" }] })).toEqual(["fields.0"]);
    expect(paths({ fields: [got, { ...got, type: "radio" }] })).toEqual(["fields.1.type"]);
    expect(paths({ fields: [{ ...got, name: "a.b" }] })).toEqual(["fields.0.name"]);
    expect(paths({ fields: [{ ...got, name: "  " }] })).toEqual(["fields.0.name"]);
    expect(paths({ fields: [{ ...got, box: { ...got.box, width: -3 } }] })).toEqual(["fields.0.box.width"]);
    expect(paths({ fields: [{ ...got, page: 0 }] })).toEqual(["fields.0.page"]);
    expect(paths({})).toEqual(["fields"]);
  });
});

describe("diffFields", () => {
  it("counts added, removed and changed fields, following renames by place", () => {
    const before = [field("a"), field("b", { x: 72, y: 140, width: 200, height: 18 }), field("c", { x: 72, y: 180, width: 10, height: 10 }, "checkbox")];
    const after = [
      field("a"), // unchanged
      field("renamed", { x: 72, y: 140, width: 210, height: 18 }), // b, renamed and widened
      field("new", { x: 300, y: 400, width: 100, height: 18 }), // drawn
    ];
    expect(diffFields(before, after)).toEqual({ added: 1, removed: 1, changed: 1, unchanged: 1, origin: [0, 1, -1] });
    expect(diffFields(before, before)).toMatchObject({ added: 0, removed: 0, changed: 0, unchanged: 3 });
    expect(diffFields(before, [])).toMatchObject({ added: 0, removed: 3 });
  });
});

describe("box math", () => {
  const box = { x: 100, y: 100, width: 200, height: 20 };
  it("moves boxes and keeps them on the page", () => {
    expect(moveBox(box, 10, -5, page)).toEqual({ ...box, x: 110, y: 95 });
    expect(moveBox(box, 1000, -1000, page)).toEqual({ ...box, x: 412, y: 0 });
  });
  it("resizes from each handle, never past the page or below the minimum", () => {
    expect(resizeBox(box, "se", 20, 10, page, "text")).toEqual({ x: 100, y: 100, width: 220, height: 30 });
    expect(resizeBox(box, "nw", -10, -10, page, "text")).toEqual({ x: 90, y: 90, width: 210, height: 30 });
    expect(resizeBox(box, "e", 1000, 0, page, "text")).toEqual({ ...box, width: 512 });
    expect(resizeBox(box, "n", 0, 500, page, "text")).toEqual({ x: 100, y: 114, width: 200, height: 6 });
    expect(resizeBox(box, "w", 500, 0, page, "checkbox")).toEqual({ x: 296, y: 100, width: 4, height: 20 });
  });
  it("turns drags in any direction into boxes on the page", () => {
    expect(boxFromDrag(300, 200, 100, 180, page)).toEqual({ x: 100, y: 180, width: 200, height: 20 });
    expect(boxFromDrag(-20, 780, 50, 900, page)).toEqual({ x: 0, y: 780, width: 50, height: 12 });
    expect(bigEnough({ x: 0, y: 0, width: 3, height: 3 }, "checkbox")).toBe(false);
    expect(guessType({ x: 0, y: 0, width: 11, height: 10 })).toBe("checkbox");
    expect(guessType({ x: 0, y: 0, width: 120, height: 18 })).toBe("text");
  });
  it("gives unique names without periods", () => {
    expect(uniqueFieldName("text", ["text", "TEXT_2"])).toBe("text_3");
    expect(uniqueFieldName("a.b", [])).toBe("a_b");
  });
});

describe("edit list", () => {
  const detected = [
    { ...field("a"), label: "A", score: 0.9, source: "vector" as const },
    { ...field("b", { x: 72, y: 100, width: 200, height: 18 }, "text", 2), multiline: true },
  ];
  it("adds drawn fields after their page's fields with unique names, edits and removes by key, and sends the API's shape", async () => {
    const { addField, issuesByKey, removeField, startEditing, toRequestBody, updateField, serverIssuesByKey } = await import("./edit-list");
    let list = startEditing(detected);
    const added = addField(list, 1, { x: 10.123, y: 20, width: 50, height: 15 }, "text");
    list = added.list;
    expect(list.fields.map((f) => f.name)).toEqual(["a", "text", "b"]);
    expect(list.fields[1]).toMatchObject({ box: { x: 10.12, y: 20, width: 50, height: 15 }, source: "manual" });
    list = updateField(list, "f1", { type: "checkbox", name: "agree" });
    expect(list.fields[2]).toMatchObject({ name: "agree", type: "checkbox" });
    expect(list.fields[2].multiline).toBeUndefined();
    list = removeField(list, "f0");
    expect(toRequestBody(list).fields.map((f) => f.name)).toEqual(["text", "agree"]);
    expect(editFieldsBodySchema.safeParse(toRequestBody(list)).success).toBe(true);
    list = updateField(list, added.key, { name: "AGREE" });
    expect([...issuesByKey(list, pages).keys()]).toEqual(["f1"]);
    expect(serverIssuesByKey(list, [{ path: "body.fields.0.box", message: "off the page" }])).toEqual(new Map([[added.key, ["off the page"]]]));
  });
});

describe("what the forms page imports", () => {
  it("holds no zod (it probes for eval, which the CSP refuses), only types from the schema", async () => {
    const fs = await import("node:fs");
    const path = await import("node:path");
    for (const file of ["box-math.ts", "check-fields.ts", "edit-list.ts", "diff-fields.ts", "limits.ts"]) {
      const source = fs.readFileSync(path.join(__dirname, file), "utf8");
      const values = [...source.matchAll(/^import (?!type )[^;]* from "([^"]+)";/gm)].map((m) => m[1]);
      expect(values.filter((m) => m === "zod" || m.endsWith("edit-schema")), file).toEqual([]);
    }
  });
});
