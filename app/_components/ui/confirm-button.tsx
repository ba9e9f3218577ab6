"use client";

import { useId, useRef, useState, type ReactNode } from "react";
import { errorMessage } from "../api";
import { Button, type ButtonSize, type ButtonVariant } from "./button";

type Props = {
  /** The trigger's text (and accessible name unless `triggerLabel` is given). */
  children: ReactNode;
  /** An accessible name for the trigger when its text is ambiguous ("Revoke" -> "Revoke key CI"). */
  triggerLabel?: string;
  title: string;
  description?: ReactNode;
  confirmLabel: string;
  /** Runs when confirmed; a thrown error is shown inside the dialog, which stays open. */
  onConfirm: () => Promise<void> | void;
  variant?: ButtonVariant;
  size?: ButtonSize;
  disabled?: boolean;
  tone?: "danger" | "primary";
  /** Extra classes for the trigger (layout: width, alignment). */
  className?: string;
};

/**
 * A button that asks before doing something irreversible. Uses the native modal <dialog>, which
 * traps focus, closes on Escape and returns focus to the trigger.
 */
export function ConfirmButton({ children, triggerLabel, title, description, confirmLabel, onConfirm, variant = "secondary", size = "sm", disabled, tone = "danger", className }: Props) {
  const ref = useRef<HTMLDialogElement>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const id = useId();

  const open = () => {
    setError(null);
    ref.current?.showModal();
  };
  const close = () => ref.current?.close();
  const confirm = async () => {
    setBusy(true);
    setError(null);
    try {
      await onConfirm();
      close();
    } catch (e) {
      setError(errorMessage(e));
    } finally {
      setBusy(false);
    }
  };

  return (
    <>
      <Button variant={variant} size={size} onClick={open} disabled={disabled} aria-label={triggerLabel} aria-haspopup="dialog" className={className}>
        {children}
      </Button>
      <dialog
        ref={ref}
        aria-labelledby={`${id}-title`}
        aria-describedby={description ? `${id}-desc` : undefined}
        onCancel={(e) => busy && e.preventDefault()}
        className="m-auto w-[calc(100%-2rem)] max-w-md rounded-lg bg-white p-0 text-left shadow-xl"
      >
        <div className="p-5">
          <h2 id={`${id}-title`} className="text-lg font-semibold text-slate-900">
            {title}
          </h2>
          {description ? (
            <div id={`${id}-desc`} className="mt-2 text-sm text-slate-600">
              {description}
            </div>
          ) : null}
          {error ? (
            <p role="alert" className="mt-3 rounded-md bg-red-50 px-3 py-2 text-sm text-red-800">
              {error}
            </p>
          ) : null}
        </div>
        <div className="flex flex-col-reverse gap-2 border-t border-slate-200 bg-slate-50 px-5 py-3 sm:flex-row sm:justify-end">
          <Button variant="secondary" onClick={close} disabled={busy} autoFocus>
            Cancel
          </Button>
          <Button variant={tone === "danger" ? "danger" : "primary"} onClick={confirm} busy={busy}>
            {confirmLabel}
          </Button>
        </div>
      </dialog>
    </>
  );
}
