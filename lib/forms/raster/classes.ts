import type { FieldType } from "../types";

/** Index -> our field type; null for classes the pipeline ignores (labels, headers...). */
export type ClassMap = (FieldType | null)[];

const SYNONYMS: Record<string, FieldType> = {
  text: "text",
  textbox: "text",
  textinput: "text",
  textfield: "text",
  textarea: "text",
  textline: "text",
  input: "text",
  checkbox: "checkbox",
  checkboxfield: "checkbox",
  choice: "checkbox",
  choicebutton: "checkbox",
  choicefield: "checkbox",
  radio: "checkbox",
  radiobutton: "checkbox",
  tickbox: "checkbox",
  signature: "signature",
  signaturefield: "signature",
  signaturebox: "signature",
  sign: "signature",
};

/** Our type for a class name ("TextBox", "choice_button", "Signature"...), or null if unknown. */
export function fieldTypeOf(name: string): FieldType | null {
  return SYNONYMS[name.toLowerCase().replace(/[^a-z]/g, "")] ?? null;
}

/** "name=type" pins a class to a type explicitly ("Widget=text", "Other=ignore"). */
function entry(spec: string): FieldType | null {
  const [name, pinned] = spec.split("=").map((s) => s.trim());
  if (pinned === undefined) return fieldTypeOf(name);
  if (/^(ignore|none|null|-)$/i.test(pinned)) return null;
  const type = fieldTypeOf(pinned);
  if (!type) throw new Error(`unknown field type "${pinned}" for class "${name}"`);
  return type;
}

/**
 * Parses a class list: a JSON array of names (`["TextBox","ChoiceButton","Signature"]`), a JSON
 * object of index -> name (`{"0": "text_input", ...}`, Ultralytics' `names`), `{"names": ...}`
 * wrapping either, or a comma-separated list (`text,checkbox,signature`). Entries may pin a type
 * with `name=type`.
 */
export function parseClassList(text: string): ClassMap {
  const trimmed = text.trim();
  if (!trimmed) throw new Error("empty class list");
  if (!/^[[{]/.test(trimmed)) return trimmed.split(",").map(entry);
  let parsed: unknown = JSON.parse(trimmed);
  if (parsed && typeof parsed === "object" && !Array.isArray(parsed) && "names" in parsed) parsed = (parsed as { names: unknown }).names;
  if (Array.isArray(parsed)) return parsed.map((n) => (n === null ? null : entry(String(n))));
  if (parsed && typeof parsed === "object") {
    const pairs = Object.entries(parsed as Record<string, unknown>).map(([k, v]) => [Number(k), String(v)] as const);
    if (pairs.some(([k]) => !Number.isInteger(k) || k < 0)) throw new Error("class indices must be integers from 0");
    const map: ClassMap = Array.from({ length: Math.max(...pairs.map(([k]) => k)) + 1 }, () => null);
    for (const [k, v] of pairs) map[k] = entry(v);
    return map;
  }
  throw new Error("class list must be a JSON array, a JSON object or a comma-separated list");
}
