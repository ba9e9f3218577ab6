"use client";

import { useEffect, useRef } from "react";
import { OneTimeValue } from "./one-time-value";

/**
 * The one moment a new key's secret is visible. Focus moves here so keyboard and screen reader
 * users land on it; the secret is in a read-only field that selects itself for manual copying.
 */
export function NewKeyPanel({ name, secret, onDone }: { name: string; secret: string; onDone: () => void }) {
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => heading.current?.focus(), []);
  return (
    <section aria-labelledby="new-key-title" className="rounded-lg border border-emerald-300 bg-emerald-50 p-4" data-testid="new-key-panel">
      <h2 id="new-key-title" ref={heading} tabIndex={-1} className="text-base font-semibold text-emerald-950 focus:outline-none">
        API key “{name}” created
      </h2>
      <p className="mt-1 text-sm text-emerald-950">
        <strong>Copy it now: you won’t see it again.</strong> Conveyor keeps only a hash of the key. Store it in a secret manager; if you lose it, revoke
        it and create a new one.
      </p>
      <OneTimeValue id="new-key-secret" label="New API key" value={secret} copyLabel="Copy key" testId="new-key-secret" onDone={onDone} />
      <p className="mt-3 text-xs text-emerald-950">
        Use it as <code className="rounded bg-white px-1 font-mono">Authorization: Bearer &lt;key&gt;</code>.
      </p>
    </section>
  );
}
