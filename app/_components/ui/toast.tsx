"use client";

import { createContext, useCallback, useContext, useMemo, useRef, useState, type ReactNode } from "react";

type Tone = "success" | "error" | "info";
type Toast = { id: number; tone: Tone; title: string; description?: string };
type ToastInput = { tone?: Tone; title: string; description?: string };

const ToastContext = createContext<((toast: ToastInput) => void) | null>(null);

const TONES: Record<Tone, string> = {
  success: "border-emerald-300 bg-white",
  error: "border-red-300 bg-white",
  info: "border-slate-300 bg-white",
};
const DOTS: Record<Tone, string> = { success: "bg-emerald-500", error: "bg-red-500", info: "bg-indigo-500" };

/** Short confirmations after an action ("API key revoked"), announced to screen readers. */
export function ToastProvider({ children }: { children: ReactNode }) {
  const [toasts, setToasts] = useState<Toast[]>([]);
  const next = useRef(1);

  const dismiss = useCallback((id: number) => setToasts((all) => all.filter((t) => t.id !== id)), []);
  const push = useCallback(
    ({ tone = "success", title, description }: ToastInput) => {
      const id = next.current++;
      setToasts((all) => [...all.slice(-3), { id, tone, title, description }]);
      setTimeout(() => dismiss(id), tone === "error" ? 10_000 : 5_000);
    },
    [dismiss],
  );
  const value = useMemo(() => push, [push]);

  return (
    <ToastContext.Provider value={value}>
      {children}
      <div aria-live="polite" aria-relevant="additions" className="pointer-events-none fixed inset-x-0 bottom-0 z-50 flex flex-col items-center gap-2 p-4 sm:items-end">
        {toasts.map((t) => (
          <div key={t.id} role={t.tone === "error" ? "alert" : "status"} className={`pointer-events-auto flex w-full max-w-sm items-start gap-3 rounded-lg border px-4 py-3 shadow-lg ${TONES[t.tone]}`}>
            <span className={`mt-1.5 size-2 shrink-0 rounded-full ${DOTS[t.tone]}`} aria-hidden="true" />
            <div className="min-w-0 flex-1 text-sm">
              <p className="font-medium text-slate-900">{t.title}</p>
              {t.description ? <p className="mt-0.5 text-slate-600">{t.description}</p> : null}
            </div>
            <button type="button" onClick={() => dismiss(t.id)} className="-m-1 rounded p-1 text-slate-500 hover:text-slate-800" aria-label="Dismiss notification">
              <svg viewBox="0 0 20 20" className="size-4" fill="currentColor" aria-hidden="true">
                <path d="M6.28 5.22a.75.75 0 0 0-1.06 1.06L8.94 10l-3.72 3.72a.75.75 0 1 0 1.06 1.06L10 11.06l3.72 3.72a.75.75 0 1 0 1.06-1.06L11.06 10l3.72-3.72a.75.75 0 0 0-1.06-1.06L10 8.94 6.28 5.22Z" />
              </svg>
            </button>
          </div>
        ))}
      </div>
    </ToastContext.Provider>
  );
}

/** `const toast = useToast(); toast({ title: "Saved" })`. Outside a provider it does nothing. */
export function useToast(): (toast: ToastInput) => void {
  return useContext(ToastContext) ?? noop;
}

function noop() {}
