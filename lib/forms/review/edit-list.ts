import type { Box } from "@/lib/pdf/geometry";
import type { FieldType } from "../types";
import { roundBox, uniqueFieldName } from "./box-math";
import { checkEditedFields, type FieldIssue, type ReviewPage } from "./check-fields";
import type { EditedField, EditFieldsBody } from "./edit-schema";

/** A field of the list being edited on the page: the API's field plus a key that survives renames. */
export type EditableField = EditedField & { key: string };

/** The list being edited, as the page holds it: pure data, changed only through the functions below. */
export type EditList = { fields: EditableField[]; nextKey: number };

/** A working copy of the fields GET returned (unknown extras like score and source are kept and sent back). */
export function startEditing(fields: readonly EditedField[]): EditList {
  return { fields: fields.map((f, i) => ({ ...f, key: `f${i}` })), nextKey: fields.length };
}

/** A new field where the user drew it, named after its type (`text_3`), placed after the last field of its page in tab order. */
export function addField(list: EditList, page: number, box: Box, type: FieldType): { list: EditList; key: string } {
  const key = `f${list.nextKey}`;
  const name = uniqueFieldName(type === "text" ? "text" : type, list.fields.map((f) => f.name));
  const field: EditableField = { key, name, type, page, box: roundBox(box), label: null, source: "manual" };
  const lastOnPage = list.fields.reduce((at, f, i) => (f.page <= page ? i : at), -1);
  const fields = [...list.fields.slice(0, lastOnPage + 1), field, ...list.fields.slice(lastOnPage + 1)];
  return { list: { fields, nextKey: list.nextKey + 1 }, key };
}

/**
 * One field changed. A new type drops what only text fields have (multiline, comb); a moved or
 * resized box is rounded as the API reports boxes.
 */
export function updateField(list: EditList, key: string, patch: Partial<Pick<EditedField, "name" | "type" | "box" | "label">>): EditList {
  return {
    ...list,
    fields: list.fields.map((f) => {
      if (f.key !== key) return f;
      const next: EditableField = { ...f, ...patch, ...(patch.box ? { box: roundBox(patch.box) } : {}) };
      if (patch.type && patch.type !== "text") {
        delete next.multiline;
        delete next.comb;
      }
      return next;
    }),
  };
}

export function removeField(list: EditList, key: string): EditList {
  return { ...list, fields: list.fields.filter((f) => f.key !== key) };
}

/** The PUT body: every field without its key, in list (tab) order. */
export function toRequestBody(list: EditList): EditFieldsBody {
  return { fields: list.fields.map(({ key: _key, ...field }) => field) };
}

/** The same checks the API makes, keyed by field, so the page marks fields before saving. */
export function issuesByKey(list: EditList, pages: readonly ReviewPage[]): Map<string, FieldIssue[]> {
  const out = new Map<string, FieldIssue[]>();
  for (const issue of checkEditedFields(list.fields, pages)) {
    const key = list.fields[issue.index].key;
    out.set(key, [...(out.get(key) ?? []), issue]);
  }
  return out;
}

/** Issues the API sent back (`body.fields.3.box`), mapped onto the fields' keys. */
export function serverIssuesByKey(list: EditList, details: readonly { path?: string; message: string }[]): Map<string, string[]> {
  const out = new Map<string, string[]>();
  for (const d of details) {
    const index = Number(/^body\.fields\.(\d+)/.exec(d.path ?? "")?.[1]);
    const field = Number.isInteger(index) ? list.fields[index] : undefined;
    if (field) out.set(field.key, [...(out.get(field.key) ?? []), d.message]);
  }
  return out;
}
