"use client";

import { useMemo, useState } from "react";
import { Button } from "@/app/_components/ui/button";
import { CopyButton } from "@/app/_components/ui/copy-button";

type Props = {
  value: unknown;
  /** The server sent only the start of the value (its pretty JSON, as a string). */
  truncated?: boolean;
  /** Where the whole value can be read (the run's JSON). */
  fullHref?: string;
  label: string;
  tone?: "neutral" | "error";
  /** Characters shown before "Show more". */
  initialChars?: number;
};

const FIRST = 2_000;

/**
 * Pretty JSON that stays readable for big values: the first couple of thousand characters, then
 * "Show more" (four times as much each time) and "Show all"; a value the server shortened says so
 * and links to the full JSON instead of pretending to be complete.
 */
export function JsonViewer({ value, truncated = false, fullHref, label, tone = "neutral", initialChars = FIRST }: Props) {
  const text = useMemo(() => (truncated && typeof value === "string" ? value : (JSON.stringify(value, null, 2) ?? "null")), [value, truncated]);
  const [shown, setShown] = useState(initialChars);
  const cut = text.length > shown;
  const visible = cut ? text.slice(0, shown) : text;
  const colors = tone === "error" ? "bg-red-50 text-red-950 ring-red-200" : "bg-slate-50 text-slate-900 ring-slate-200";
  return (
    <div className="min-w-0" data-testid="json-viewer">
      <pre
        tabIndex={0}
        aria-label={label}
        className={`max-h-[28rem] overflow-auto rounded-md p-3 font-mono text-xs leading-relaxed break-words whitespace-pre-wrap ring-1 ring-inset ${colors}`}
      >
        {visible}
        {cut || truncated ? <span className="text-slate-500">{"\n…"}</span> : null}
      </pre>
      <div className="mt-2 flex flex-wrap items-center gap-2 text-xs text-slate-600">
        {cut ? (
          <>
            <span>
              Showing {visible.length.toLocaleString("en")} of {text.length.toLocaleString("en")} characters
            </span>
            <Button size="sm" variant="secondary" onClick={() => setShown((n) => n * 4)}>
              Show more
            </Button>
            <Button size="sm" variant="ghost" onClick={() => setShown(text.length)}>
              Show all
            </Button>
          </>
        ) : null}
        {truncated ? (
          <span>
            This value is too large to show here; this is its start.{" "}
            {fullHref ? (
              <a href={fullHref} target="_blank" rel="noreferrer" className="font-medium text-indigo-700 hover:underline">
                Open the full JSON
              </a>
            ) : null}
          </span>
        ) : (
          <CopyButton value={text} label="Copy JSON" accessibleName={`Copy ${label}`} variant="ghost" />
        )}
      </div>
    </div>
  );
}
