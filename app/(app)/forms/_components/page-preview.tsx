"use client";

import { forwardRef } from "react";
import { FIELD_STYLE, type FieldType, type FieldView, type PageView } from "./types";

type Props = {
  page: PageView;
  fields: FieldView[];
  visible: Record<FieldType, boolean>;
  /** Pixels per point, or null to fit the column's width. */
  scale: number | null;
  selected: string | null;
  onSelect: (name: string) => void;
};

/**
 * A page's preview image with its fields drawn over it: an SVG whose viewBox is the page in points
 * (the fields' own unit), stretched over the image, so boxes line up at any zoom.
 */
export const PagePreview = forwardRef<HTMLElement, Props>(function PagePreview({ page, fields, visible, scale, selected, onSelect }, ref) {
  const width = scale === null ? undefined : Math.round(page.width * scale);
  const shown = fields.filter((f) => visible[f.type]);
  return (
    <figure ref={ref} className="space-y-1" data-testid={`forms-page-${page.page}`} tabIndex={-1}>
      <div className="relative mx-auto bg-white shadow ring-1 ring-slate-200" style={{ width: width ?? "100%", aspectRatio: `${page.width} / ${page.height}` }}>
        {/* eslint-disable-next-line @next/next/no-img-element -- an authenticated API image at its own size, not a static asset */}
        <img src={page.preview_url} alt={`Page ${page.page}`} className="absolute inset-0 size-full select-none" draggable={false} loading="lazy" />
        <svg viewBox={`0 0 ${page.width} ${page.height}`} preserveAspectRatio="none" className="absolute inset-0 size-full" role="img" aria-label={`${shown.length} fields on page ${page.page}`}>
          {shown.map((f) => {
            const style = FIELD_STYLE[f.type];
            const active = f.name === selected;
            return (
              <rect
                key={f.name}
                x={f.box.x}
                y={f.box.y}
                width={f.box.width}
                height={f.box.height}
                fill={active ? style.stroke : style.fill}
                fillOpacity={active ? 0.35 : 1}
                stroke={style.stroke}
                strokeWidth={active ? 2 : 1}
                vectorEffect="non-scaling-stroke"
                className="cursor-pointer"
                data-field={f.name}
                data-type={f.type}
                onClick={() => onSelect(f.name)}
              >
                <title>{`${f.name} (${FIELD_STYLE[f.type].label.toLowerCase()})${f.label ? ` – ${f.label}` : ""}`}</title>
              </rect>
            );
          })}
        </svg>
      </div>
      <figcaption className="text-center text-xs text-slate-600">
        Page {page.page}
        {page.scanned ? " · scanned image" : ""} · {fields.length} {fields.length === 1 ? "field" : "fields"}
      </figcaption>
    </figure>
  );
});
