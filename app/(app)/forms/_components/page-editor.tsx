"use client";

import { useEffect, useRef, useState, type KeyboardEvent, type PointerEvent } from "react";
import type { Box } from "@/lib/pdf/geometry";
import { bigEnough, boxFromDrag, guessType, HANDLES, type Handle, moveBox, resizeBox } from "@/lib/forms/review/box-math";
import type { EditableField } from "@/lib/forms/review/edit-list";
import { FIELD_STYLE, type FieldType, type PageView } from "./types";

type Props = {
  page: PageView;
  fields: EditableField[];
  selected: string | null;
  invalid: ReadonlySet<string>;
  /** Pixels per point, or null to fit the column's width. */
  scale: number | null;
  onSelect: (key: string | null) => void;
  onChange: (key: string, box: Box) => void;
  onAdd: (page: number, box: Box, type: FieldType) => void;
  onDelete: (key: string) => void;
};

type Drag =
  | { kind: "move"; key: string; start: [number, number]; box: Box }
  | { kind: "resize"; key: string; handle: Handle; start: [number, number]; box: Box; type: FieldType }
  | { kind: "draw"; start: [number, number]; now: [number, number] };

const HANDLE_SIZE = 7; // screen pixels

/** Where a handle sits on a box, as fractions of its width and height. */
const HANDLE_AT: Record<Handle, [number, number]> = { nw: [0, 0], n: [0.5, 0], ne: [1, 0], e: [1, 0.5], se: [1, 1], s: [0.5, 1], sw: [0, 1], w: [0, 0.5] };
const CURSOR: Record<Handle, string> = { nw: "nwse-resize", se: "nwse-resize", ne: "nesw-resize", sw: "nesw-resize", n: "ns-resize", s: "ns-resize", e: "ew-resize", w: "ew-resize" };

/**
 * A page preview whose fields can be edited with the mouse or the keyboard: a field is selected
 * by clicking (or Tab and Enter), moved by dragging it (or the arrow keys, Shift for 10 pt),
 * resized by its eight handles, deleted with Delete or Backspace; dragging on empty paper draws a
 * new field. The SVG's viewBox is the page in points, the fields' own unit; all box math is in
 * lib/forms/review/box-math.ts.
 */
export function PageEditor({ page, fields, selected, invalid, scale, onSelect, onChange, onAdd, onDelete }: Props) {
  const svg = useRef<SVGSVGElement>(null);
  const [drag, setDrag] = useState<Drag | null>(null);
  // Points per screen pixel, so handles keep one on-screen size at every zoom.
  const [ptPerPx, setPtPerPx] = useState(1);
  useEffect(() => {
    const el = svg.current;
    if (!el) return;
    const observer = new ResizeObserver(([entry]) => {
      if (entry.contentRect.width > 0) setPtPerPx(page.width / entry.contentRect.width);
    });
    observer.observe(el);
    return () => observer.disconnect();
  }, [page.width]);
  const bounds = { width: page.width, height: page.height };
  const width = scale === null ? undefined : Math.round(page.width * scale);

  /** The pointer's position in page points. */
  function toPoints(e: PointerEvent): [number, number] {
    const rect = svg.current!.getBoundingClientRect();
    return [((e.clientX - rect.left) / rect.width) * page.width, ((e.clientY - rect.top) / rect.height) * page.height];
  }

  function begin(e: PointerEvent, next: Drag) {
    if (e.button !== 0) return;
    e.stopPropagation();
    e.preventDefault();
    svg.current?.setPointerCapture(e.pointerId);
    setDrag(next);
  }

  function move(e: PointerEvent) {
    if (!drag) return;
    const [x, y] = toPoints(e);
    if (drag.kind === "draw") setDrag({ ...drag, now: [x, y] });
    else if (drag.kind === "move") onChange(drag.key, moveBox(drag.box, x - drag.start[0], y - drag.start[1], bounds));
    else onChange(drag.key, resizeBox(drag.box, drag.handle, x - drag.start[0], y - drag.start[1], bounds, drag.type));
  }

  function end(e: PointerEvent) {
    if (!drag) return;
    svg.current?.releasePointerCapture(e.pointerId);
    if (drag.kind === "draw") {
      const box = boxFromDrag(drag.start[0], drag.start[1], drag.now[0], drag.now[1], bounds);
      const type = guessType(box);
      if (bigEnough(box, type)) onAdd(page.page, box, type);
      else onSelect(null);
    }
    setDrag(null);
  }

  function keyDown(e: KeyboardEvent, field: EditableField) {
    const step = e.shiftKey ? 10 : 1;
    const arrows: Record<string, [number, number]> = { ArrowLeft: [-step, 0], ArrowRight: [step, 0], ArrowUp: [0, -step], ArrowDown: [0, step] };
    if (e.key === "Delete" || e.key === "Backspace") {
      e.preventDefault();
      onDelete(field.key);
    } else if (e.key === "Enter" || e.key === " ") {
      e.preventDefault();
      onSelect(field.key);
    } else if (e.key === "Escape") {
      onSelect(null);
    } else if (arrows[e.key]) {
      e.preventDefault();
      onSelect(field.key);
      onChange(field.key, moveBox(field.box, arrows[e.key][0], arrows[e.key][1], bounds));
    }
  }

  const drawing = drag?.kind === "draw" ? boxFromDrag(drag.start[0], drag.start[1], drag.now[0], drag.now[1], bounds) : null;
  const active = fields.find((f) => f.key === selected);
  const hs = HANDLE_SIZE * ptPerPx;

  return (
    <figure className="space-y-1" data-testid={`review-page-${page.page}`}>
      <div className="relative mx-auto bg-white shadow ring-1 ring-slate-200" style={{ width: width ?? "100%", aspectRatio: `${page.width} / ${page.height}` }}>
        {/* eslint-disable-next-line @next/next/no-img-element -- an authenticated API image at its own size, not a static asset */}
        <img src={page.preview_url} alt={`Page ${page.page}`} className="absolute inset-0 size-full select-none" draggable={false} />
        <svg
          ref={svg}
          viewBox={`0 0 ${page.width} ${page.height}`}
          preserveAspectRatio="none"
          className="absolute inset-0 size-full touch-none"
          role="group"
          aria-label={`Page ${page.page}: ${fields.length} fields. Drag on empty space to draw a field.`}
          data-testid={`review-canvas-${page.page}`}
          onPointerMove={move}
          onPointerUp={end}
          onPointerCancel={() => setDrag(null)}
        >
          <rect x={0} y={0} width={page.width} height={page.height} fill="transparent" className="cursor-crosshair" onPointerDown={(e) => begin(e, { kind: "draw", start: toPoints(e), now: toPoints(e) })} />
          {fields.map((f) => {
            const style = FIELD_STYLE[f.type];
            const isActive = f.key === selected;
            const bad = invalid.has(f.key);
            return (
              <rect
                key={f.key}
                x={f.box.x}
                y={f.box.y}
                width={f.box.width}
                height={f.box.height}
                fill={isActive ? style.stroke : style.fill}
                fillOpacity={isActive ? 0.3 : 1}
                stroke={bad ? "#dc2626" : style.stroke}
                strokeWidth={isActive || bad ? 2 : 1}
                strokeDasharray={bad ? "4 2" : undefined}
                vectorEffect="non-scaling-stroke"
                className="cursor-move outline-none focus-visible:stroke-[3px]"
                tabIndex={0}
                role="button"
                aria-pressed={isActive}
                aria-label={`${f.name}, ${style.label.toLowerCase()} field${bad ? ", has a problem" : ""}. Arrow keys move it, Delete removes it.`}
                data-field={f.name}
                data-type={f.type}
                onPointerDown={(e) => {
                  onSelect(f.key);
                  begin(e, { kind: "move", key: f.key, start: toPoints(e), box: f.box });
                }}
                onFocus={() => onSelect(f.key)}
                onKeyDown={(e) => keyDown(e, f)}
              />
            );
          })}
          {active
            ? HANDLES.map((h) => (
                <rect
                  key={h}
                  x={active.box.x + HANDLE_AT[h][0] * active.box.width - hs / 2}
                  y={active.box.y + HANDLE_AT[h][1] * active.box.height - hs / 2}
                  width={hs}
                  height={hs}
                  fill="white"
                  stroke="#0f172a"
                  strokeWidth={1}
                  vectorEffect="non-scaling-stroke"
                  style={{ cursor: CURSOR[h] }}
                  data-handle={h}
                  aria-hidden="true"
                  onPointerDown={(e) => begin(e, { kind: "resize", key: active.key, handle: h, start: toPoints(e), box: active.box, type: active.type })}
                />
              ))
            : null}
          {drawing ? <rect x={drawing.x} y={drawing.y} width={drawing.width} height={drawing.height} fill="rgba(15, 23, 42, 0.08)" stroke="#0f172a" strokeDasharray="4 3" vectorEffect="non-scaling-stroke" pointerEvents="none" /> : null}
        </svg>
      </div>
      <figcaption className="text-center text-xs text-slate-600">
        Page {page.page} · {fields.length} {fields.length === 1 ? "field" : "fields"}
      </figcaption>
    </figure>
  );
}
