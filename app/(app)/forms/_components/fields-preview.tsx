"use client";

import { useRef, useState } from "react";
import { Alert } from "@/app/_components/ui/alert";
import { Button } from "@/app/_components/ui/button";
import { Card } from "@/app/_components/ui/page-header";
import { FieldList } from "./field-list";
import { PagePreview } from "./page-preview";
import { FIELD_STYLE, FIELD_TYPES, type FieldType, type FieldsView } from "./types";

/** Zoom steps, as a share of the printed size (1 = the page as large as on paper, on a 96 DPI screen). */
const ZOOMS = [0.5, 0.75, 1, 1.25, 1.5, 2];
const PX_PER_PT = 96 / 72;

/**
 * The result, looked at: every page preview with its fields drawn by type (a legend that also
 * hides or shows each type), zoom, and the field list beside it.
 */
export function FieldsPreview({ fields, onReview }: { fields: FieldsView; onReview?: () => void }) {
  const [visible, setVisible] = useState<Record<FieldType, boolean>>({ text: true, checkbox: true, signature: true });
  const [zoom, setZoom] = useState<number | null>(null);
  const [selected, setSelected] = useState<string | null>(null);
  const pages = useRef(new Map<number, HTMLElement>());
  const step = (direction: 1 | -1) => {
    const current = zoom ?? ZOOMS[2];
    const next = direction > 0 ? ZOOMS.find((z) => z > current + 0.01) : [...ZOOMS].reverse().find((z) => z < current - 0.01);
    setZoom(next ?? current);
  };
  function select(name: string) {
    setSelected(name);
    const field = fields.fields.find((f) => f.name === name);
    if (field) pages.current.get(field.page)?.scrollIntoView({ behavior: "smooth", block: "nearest" });
  }

  return (
    <div className="grid gap-6 xl:grid-cols-5" data-testid="forms-preview">
      <Card
        className="min-w-0 xl:col-span-3"
        title="Pages"
        description="Detected fields drawn over each page. Choose a field to find it in the list."
        actions={
          <div className="flex items-center gap-1" role="group" aria-label="Zoom">
            <Button variant="ghost" size="sm" onClick={() => step(-1)} aria-label="Zoom out">−</Button>
            <span className="w-12 text-center text-xs tabular-nums text-slate-700" aria-live="polite">
              {zoom === null ? "Fit" : `${Math.round(zoom * 100)}%`}
            </span>
            <Button variant="ghost" size="sm" onClick={() => step(1)} aria-label="Zoom in">+</Button>
            <Button variant="secondary" size="sm" onClick={() => setZoom(null)} disabled={zoom === null}>Fit width</Button>
            {onReview ? (
              <Button size="sm" className="ml-2" onClick={onReview} data-testid="forms-review-start">
                Review and edit fields
              </Button>
            ) : null}
          </div>
        }
      >
        <div className="mb-4 flex flex-wrap gap-2" role="group" aria-label="Field types shown" data-testid="forms-legend">
          {FIELD_TYPES.map((t) => (
            <button
              key={t}
              type="button"
              aria-pressed={visible[t]}
              onClick={() => setVisible((v) => ({ ...v, [t]: !v[t] }))}
              className={`inline-flex items-center gap-2 rounded-full px-3 py-1 text-xs font-medium ring-1 ring-inset ${visible[t] ? "bg-white text-slate-800 ring-slate-300" : "bg-slate-100 text-slate-500 line-through ring-slate-200"}`}
            >
              <span className="size-3 rounded-sm" style={{ background: FIELD_STYLE[t].fill, border: `1.5px solid ${FIELD_STYLE[t].stroke}` }} aria-hidden="true" />
              {FIELD_STYLE[t].label} ({fields.counts[t]})
            </button>
          ))}
        </div>
        {fields.warnings.map((w) => (
          <Alert key={w} tone="warning" className="mb-4">{w}</Alert>
        ))}
        <div className="max-h-[80vh] space-y-6 overflow-auto rounded-md bg-slate-100 p-4">
          {fields.pages.map((page) => (
            <PagePreview
              key={page.page}
              ref={(el) => {
                if (el) pages.current.set(page.page, el);
                else pages.current.delete(page.page);
              }}
              page={page}
              fields={fields.fields.filter((f) => f.page === page.page)}
              visible={visible}
              scale={zoom === null ? null : zoom * PX_PER_PT}
              selected={selected}
              onSelect={setSelected}
            />
          ))}
        </div>
      </Card>
      <Card className="h-fit min-w-0 xl:col-span-2" title={`Fields (${fields.fields.length})`} description="In tab order, as they are named in the fillable PDF.">
        <FieldList fields={fields.fields} visible={visible} selected={selected} onSelect={select} />
      </Card>
    </div>
  );
}
