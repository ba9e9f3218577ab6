"use client";

import { Button } from "../ui/button";
import { CopyButton } from "../ui/copy-button";

/**
 * A value shown once (an API key's secret, an invitation link): a read-only field that selects
 * itself for manual copying, a copy button, and "Done" to dismiss it.
 */
export function OneTimeValue({ id, label, value, copyLabel, testId, onDone }: { id: string; label: string; value: string; copyLabel: string; testId: string; onDone: () => void }) {
  return (
    <div className="mt-3 flex flex-col gap-2 sm:flex-row sm:items-center">
      <label htmlFor={id} className="sr-only">
        {label}
      </label>
      <input
        id={id}
        readOnly
        value={value}
        onFocus={(e) => e.currentTarget.select()}
        className="block w-full min-w-0 flex-1 rounded-md border-0 bg-white px-3 py-2 font-mono text-sm text-slate-900 ring-1 ring-emerald-300 ring-inset"
        data-testid={testId}
        spellCheck={false}
        autoComplete="off"
      />
      <div className="flex gap-2">
        <CopyButton value={value} label={copyLabel} />
        <Button variant="ghost" size="sm" onClick={onDone}>
          Done
        </Button>
      </div>
    </div>
  );
}
