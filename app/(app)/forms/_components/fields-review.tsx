"use client";

import { useMemo, useState } from "react";
import { api, ApiError, errorMessage } from "@/app/_components/api";
import { Alert } from "@/app/_components/ui/alert";
import { Button } from "@/app/_components/ui/button";
import { SelectField, TextField } from "@/app/_components/ui/field";
import { Card } from "@/app/_components/ui/page-header";
import type { FormsEditAccepted } from "@/lib/forms/jobs/schemas";
import { addField, type EditList, issuesByKey, removeField, serverIssuesByKey, startEditing, toRequestBody, updateField } from "@/lib/forms/review/edit-list";
import { PageEditor } from "./page-editor";
import { FIELD_STYLE, FIELD_TYPES, type FieldType, type FieldsView } from "./types";

const PX_PER_PT = 96 / 72;

type Props = {
  jobId: string;
  fields: FieldsView;
  /** The PUT was accepted: the job is rebuilding. */
  onSaved: (accepted: FormsEditAccepted) => void;
  onCancel: () => void;
};

/**
 * Review before download: the detected fields over the page previews, editable (select, move,
 * resize, retype, rename, delete, draw), checked as the API checks them, then "Save and rebuild"
 * sends the whole list (`PUT /api/v1/forms/{id}/fields`). The list logic is in
 * lib/forms/review/edit-list.ts; this component holds the state and the controls.
 */
export function FieldsReview({ jobId, fields, onSaved, onCancel }: Props) {
  const [list, setList] = useState<EditList>(() => startEditing(fields.fields));
  const [selected, setSelected] = useState<string | null>(null);
  const [zoom, setZoom] = useState<number | null>(null);
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [serverIssues, setServerIssues] = useState<Map<string, string[]>>(new Map());
  const pages = useMemo(() => fields.pages.map((p) => ({ page: p.page, width: p.width, height: p.height })), [fields.pages]);
  const issues = useMemo(() => issuesByKey(list, pages), [list, pages]);
  const invalid = useMemo(() => new Set([...issues.keys(), ...serverIssues.keys()]), [issues, serverIssues]);
  const active = list.fields.find((f) => f.key === selected);
  const activeIssues = active ? [...(issues.get(active.key)?.map((i) => i.message) ?? []), ...(serverIssues.get(active.key) ?? [])] : [];

  const change = (next: EditList) => {
    setList(next);
    setServerIssues(new Map());
  };
  const remove = (key: string) => {
    change(removeField(list, key));
    setSelected(null);
  };

  async function save() {
    setSaving(true);
    setError(null);
    try {
      const accepted = await api<FormsEditAccepted>(`/api/v1/forms/${encodeURIComponent(jobId)}/fields`, { method: "PUT", json: toRequestBody(list) });
      onSaved(accepted);
    } catch (e) {
      if (e instanceof ApiError && Array.isArray(e.details)) setServerIssues(serverIssuesByKey(list, e.details));
      setError(errorMessage(e));
      setSaving(false);
    }
  }

  const counts = Object.fromEntries(FIELD_TYPES.map((t) => [t, list.fields.filter((f) => f.type === t).length])) as Record<FieldType, number>;
  return (
    <div className="grid gap-6 xl:grid-cols-5" data-testid="forms-review">
      <Card
        className="min-w-0 xl:col-span-3"
        title="Review fields"
        description="Click a field to select it; drag it to move, drag its handles to resize, press Delete to remove it. Drag on empty space to draw a missing field."
        actions={
          <div className="flex items-center gap-1" role="group" aria-label="Zoom">
            <Button variant="ghost" size="sm" onClick={() => setZoom((z) => Math.max(0.5, (z ?? 1) - 0.25))} aria-label="Zoom out">−</Button>
            <span className="w-12 text-center text-xs tabular-nums text-slate-700" aria-live="polite">{zoom === null ? "Fit" : `${Math.round(zoom * 100)}%`}</span>
            <Button variant="ghost" size="sm" onClick={() => setZoom((z) => Math.min(2, (z ?? 1) + 0.25))} aria-label="Zoom in">+</Button>
            <Button variant="secondary" size="sm" onClick={() => setZoom(null)} disabled={zoom === null}>Fit width</Button>
          </div>
        }
      >
        <div className="max-h-[80vh] space-y-6 overflow-auto rounded-md bg-slate-100 p-4">
          {fields.pages.map((page) => (
            <PageEditor
              key={page.page}
              page={page}
              fields={list.fields.filter((f) => f.page === page.page)}
              selected={selected}
              invalid={invalid}
              scale={zoom === null ? null : zoom * PX_PER_PT}
              onSelect={setSelected}
              onChange={(key, box) => change(updateField(list, key, { box }))}
              onAdd={(p, box, type) => {
                const added = addField(list, p, box, type);
                change(added.list);
                setSelected(added.key);
              }}
              onDelete={remove}
            />
          ))}
        </div>
      </Card>
      <div className="space-y-6 xl:col-span-2">
        <Card title="Selected field" className="h-fit">
          {active ? (
            <div className="space-y-3" data-testid="review-inspector">
              <TextField
                label="Name"
                value={active.name}
                onChange={(e) => change(updateField(list, active.key, { name: e.target.value }))}
                error={activeIssues.find((m) => /name/i.test(m))}
                hint="The field's name in the fillable PDF; unique, without periods."
                data-testid="review-name"
              />
              <SelectField label="Type" value={active.type} onChange={(e) => change(updateField(list, active.key, { type: e.target.value as FieldType }))} data-testid="review-type">
                {FIELD_TYPES.map((t) => (
                  <option key={t} value={t}>{FIELD_STYLE[t].label}</option>
                ))}
              </SelectField>
              <p className="text-xs tabular-nums text-slate-600">
                Page {active.page} · {active.box.width.toFixed(1)} × {active.box.height.toFixed(1)} pt at ({active.box.x.toFixed(1)}, {active.box.y.toFixed(1)})
              </p>
              {activeIssues.filter((m) => !/name/i.test(m)).map((m) => (
                <Alert key={m} tone="error">{m}</Alert>
              ))}
              <Button variant="danger" size="sm" onClick={() => remove(active.key)} data-testid="review-delete">Delete field</Button>
            </div>
          ) : (
            <p className="text-sm text-slate-600">No field selected. Choose one on a page (or Tab to it), or drag on empty space to draw one.</p>
          )}
        </Card>
        <Card title="Save" className="h-fit">
          <p className="mb-3 text-sm text-slate-700" data-testid="review-counts">
            {list.fields.length} fields: {FIELD_TYPES.map((t) => `${counts[t]} ${FIELD_STYLE[t].label.toLowerCase()}`).join(", ")}.
          </p>
          {invalid.size > 0 ? (
            <Alert tone="warning" className="mb-3">
              {invalid.size} {invalid.size === 1 ? "field needs" : "fields need"} attention (marked in red): {[...issues.values()].flat()[0]?.message ?? [...serverIssues.values()].flat()[0]}
            </Alert>
          ) : null}
          {error ? <Alert tone="error" className="mb-3" title="Not saved">{error}</Alert> : null}
          <div className="flex gap-2">
            <Button onClick={save} busy={saving} disabled={saving || issues.size > 0} data-testid="review-save">Save and rebuild</Button>
            <Button variant="secondary" onClick={onCancel} disabled={saving}>Discard changes</Button>
          </div>
        </Card>
      </div>
    </div>
  );
}
