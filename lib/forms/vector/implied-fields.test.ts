import { describe, expect, it } from "vitest";
import { impliedFields } from "./implied-fields";
import type { Box } from "@/lib/pdf/geometry";
import type { Phrase } from "./text";

const phrase = (text: string, x: number, y: number, width: number, size = 12): Phrase => ({ text, box: { x, y, width, height: size * 1.12 }, base: y + size, size, bold: false });

// pdfcpu's demo form, flattened: labels in a column, options in a row and in a column, nothing drawn.
const demo = [
  phrase("1) Tell us about yourself:", 20, 73, 150),
  phrase("First name:", 50, 97, 60),
  phrase("Last name:", 50, 117, 58),
  phrase("Date of birth:", 50, 137, 75),
  phrase("Gender:", 50, 159, 44),
  phrase("female", 185, 159, 36),
  phrase("male", 257, 159, 26),
  phrase("non-binary", 330, 159, 57),
  phrase("2) How did you hear about pdfcpu:", 20, 473, 190),
  phrase("Google search", 57, 494, 80),
  phrase("Github", 57, 514, 38),
  phrase("Other:", 57, 534, 36),
];

const ofType = (type: "text" | "checkbox", phrases: Phrase[], taken: Box[] = []) => impliedFields(0, phrases, taken, 575).filter((f) => f.type === type);
// Labels with blank lines beside them: the page draws no fields, so its options get boxes too.
const column = demo.slice(1, 3);

describe("implied text fields", () => {
  it("puts a field after each label of a column that has nothing beside it, starting together", () => {
    const fields = ofType("text", [...demo.slice(0, 4), ...demo.slice(8)]);
    expect(fields.map((f) => f.label)).toEqual(["First name", "Last name", "Date of birth"]);
    for (const f of fields) {
      expect(f.box.x).toBeCloseTo(50 + 75 + 12);
      expect(f.box.width).toBeCloseTo(17 * 12);
      expect(f.box.height).toBeCloseTo(16.4);
    }
    // centred on its label's line
    expect(fields[0].box.y + fields[0].box.height / 2).toBeCloseTo(97 + 6.72);
  });

  it("starts the fields where the first box of an option row among the labels starts", () => {
    const aligned = [...demo.slice(1, 5), phrase("female", 185, 159, 36), phrase("male", 257, 159, 26)];
    expect(ofType("text", aligned).map((f) => f.box.x)).toEqual([169, 169, 169]);
  });

  it("leaves alone a lone label, a label with text after it and labels whose lines are drawn", () => {
    expect(impliedFields(0, [phrase("Note:", 50, 97, 30), phrase("Signed:", 50, 300, 40)], [], 575)).toEqual([]);
    const answered = [phrase("Name:", 50, 97, 34), phrase("Jane Roe", 100, 97, 50), phrase("City:", 50, 117, 26)];
    expect(impliedFields(0, answered, [], 575)).toEqual([]);
    // underline candidates: a line's height above the rule
    const ruled = [{ x: 120, y: 96, width: 200, height: 14 }, { x: 120, y: 116, width: 200, height: 14 }];
    expect(impliedFields(0, demo.slice(1, 3), ruled, 575)).toEqual([]);
  });

  it("stops a field short of text further along its line", () => {
    const rows = [phrase("Date of birth:", 40, 137, 73), phrase("verified", 273, 137, 39), phrase("Country:", 40, 157, 45)];
    const [dob] = ofType("text", rows);
    expect(dob.box.x + dob.box.width).toBeCloseTo(273 - 12);
  });
});

describe("implied checkboxes", () => {
  it("puts a box of the text size before each option of a spaced row and of an indented column", () => {
    const boxes = ofType("checkbox", demo);
    expect(boxes.map((b) => b.label).sort()).toEqual(["Github", "Google search", "Other:", "female", "male", "non-binary"]);
    const female = boxes.find((b) => b.label === "female")!;
    expect(female.type).toBe("checkbox");
    expect(female.box).toEqual({ x: 185 - 4 - 12, y: 159 + 6.72 - 6, width: 12, height: 12 });
  });

  it("does not take a column of entry labels under a heading for options", () => {
    expect(ofType("text", demo.slice(0, 4))).toHaveLength(3);
    expect(ofType("checkbox", demo.slice(0, 4))).toEqual([]);
  });

  it("does not take words run together in a sentence, or options with a box already drawn before them", () => {
    const sentence = [phrase("Gender:", 50, 139, 44), phrase("female", 100, 139, 36), phrase("male", 140, 139, 26)];
    expect(ofType("text", [...column, ...sentence])).toHaveLength(2);
    expect(ofType("checkbox", [...column, ...sentence])).toEqual([]);
    const drawn = [{ x: 170, y: 160, width: 10, height: 10 }];
    expect(ofType("text", [...column, ...demo.slice(4, 8)], drawn)).toHaveLength(2);
    expect(ofType("checkbox", [...column, ...demo.slice(4, 8)], drawn)).toEqual([]);
  });

  it("puts no boxes on a page whose labels have fields drawn, however its options are set", () => {
    const ruled = [{ x: 120, y: 96, width: 200, height: 14 }, { x: 120, y: 116, width: 200, height: 14 }];
    expect(impliedFields(0, demo.slice(1), ruled, 575)).toEqual([]);
  });
});
