"use client";

import { useEffect, useState } from "react";
import { Button, type ButtonVariant } from "./button";

/** Copies `value` to the clipboard and says so (visibly and to screen readers). */
export function CopyButton({ value, label = "Copy", copiedLabel = "Copied", accessibleName, variant = "secondary" }: { value: string; label?: string; copiedLabel?: string; accessibleName?: string; variant?: ButtonVariant }) {
  const [state, setState] = useState<"idle" | "copied" | "failed">("idle");

  useEffect(() => {
    if (state === "idle") return;
    const t = setTimeout(() => setState("idle"), 2500);
    return () => clearTimeout(t);
  }, [state]);

  const copy = async () => {
    try {
      await navigator.clipboard.writeText(value);
      setState("copied");
    } catch {
      setState("failed");
    }
  };

  return (
    <span className="inline-flex items-center gap-2">
      <Button variant={variant} size="sm" onClick={copy} aria-label={accessibleName}>
        <svg viewBox="0 0 20 20" fill="currentColor" className="size-4" aria-hidden="true">
          <path d="M7 3.5A1.5 1.5 0 0 1 8.5 2h6A1.5 1.5 0 0 1 16 3.5v9a1.5 1.5 0 0 1-1.5 1.5h-6A1.5 1.5 0 0 1 7 12.5v-9Z" />
          <path d="M5 6a1 1 0 0 0-1 1v9.5A1.5 1.5 0 0 0 5.5 18H12a1 1 0 1 0 0-2H6V7a1 1 0 0 0-1-1Z" />
        </svg>
        {state === "copied" ? copiedLabel : label}
      </Button>
      <span role="status" className={state === "failed" ? "text-sm text-red-700" : "sr-only"}>
        {state === "copied" ? "Copied to the clipboard" : state === "failed" ? "Copy failed; select the text and copy it by hand" : ""}
      </span>
    </span>
  );
}
