import { describe, expect, it } from "vitest";
import type { DetectedField } from "../types";
import type { Phrase } from "../vector/text";
import { baseNames, labelFields, uniqueNames } from "./name-fields";
import { slugify } from "./slug";

const phrase = (text: string, x: number, y: number, width = text.length * 5, size = 10): Phrase => ({ text, box: { x, y, width, height: size * 1.1 }, base: y + size * 0.9, size, bold: false });
const field = (type: DetectedField["type"], x: number, y: number, width: number, height: number, extra: Partial<DetectedField> = {}): DetectedField => ({ page: 0, type, box: { x, y, width, height }, score: 0.9, source: "vector", ...extra });

describe("slugify", () => {
  it.each([
    ["Date of birth (MM/DD/YYYY):", "date_of_birth"],
    ["3. Full name", "full_name"],
    ["Part 2: Employer's address", "employers_address"],
    ["1 Landlord", "landlord"],
    ["Café / Bar name", "cafe_bar_name"],
    ["Name & title", "name_and_title"],
    ["(optional)", "optional"],
    ["2024 tax year", "f_2024_tax_year"],
    ["I certify that the information above is true and complete", "i_certify_that_the_information_above_is"],
  ])("%s -> %s", (label, slug) => {
    expect(slugify(label)).toBe(slug);
  });

  it("gives nothing for labels without letters or digits", () => {
    expect(slugify("—:")).toBeUndefined();
    expect(slugify(undefined)).toBeUndefined();
  });
});

describe("labels and names", () => {
  it("labels text fields from the left, above, a caption below, or the column heading", () => {
    const phrases = [phrase("First name:", 72, 92), phrase("Email", 300, 80), phrase("Signature", 72, 206, 40, 8), phrase("Amount", 300, 300)];
    const fields = [field("text", 130, 88, 120, 16), field("text", 300, 93, 150, 20), field("text", 72, 184, 200, 20), field("text", 300, 340, 100, 16), field("text", 300, 360, 100, 16)];
    labelFields(fields, phrases);
    expect(fields.map((f) => f.label)).toEqual(["First name", "Email", "Signature", "Amount", "Amount"]);
  });

  it("names checkboxes after their question and option, a lone consent box after its statement", () => {
    const phrases = [phrase("Marital status:", 72, 100, 70), phrase("Single", 168, 100), phrase("Married", 228, 100), phrase("I agree to the terms and conditions", 86, 140, 170)];
    const fields = [field("checkbox", 155, 101, 9, 9), field("checkbox", 215, 101, 9, 9), field("checkbox", 72, 141, 9, 9)];
    labelFields(fields, phrases);
    baseNames(fields, phrases);
    uniqueNames(fields);
    expect(fields.map((f) => f.name)).toEqual(["marital_status_single", "marital_status_married", "i_agree_to_the_terms_and_conditions"]);
    expect(fields[0].label).toBe("Single");
  });

  it("makes names unique in order, avoiding the PDF's existing names, the same way every time", () => {
    const make = () => [field("text", 0, 0, 10, 10, { label: "Date" }), field("text", 0, 20, 10, 10, { label: "Date:" }), field("signature", 0, 40, 10, 10), field("text", 0, 60, 10, 10, { label: "Phone" })];
    const run = () => {
      const fields = make();
      baseNames(fields, []);
      uniqueNames(fields, ["PHONE"]);
      return fields.map((f) => f.name);
    };
    expect(run()).toEqual(["date", "date_2", "signature", "phone_2"]);
    expect(run()).toEqual(run());
  });

  it("gives the parts of a split comb (MM / DD / YYYY) the label of the first part", () => {
    const phrases = [phrase("Date of birth", 72, 100, 60), phrase("/", 177, 100, 4), phrase("/", 215, 100, 4)];
    const fields = [field("text", 140, 98, 30, 16, { comb: 2 }), field("text", 185, 98, 30, 16, { comb: 2 }), field("text", 223, 98, 60, 16, { comb: 4 })];
    labelFields(fields, phrases);
    baseNames(fields, phrases);
    uniqueNames(fields);
    expect(fields.map((f) => f.name)).toEqual(["date_of_birth", "date_of_birth_2", "date_of_birth_3"]);
  });
});
