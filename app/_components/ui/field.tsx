import { useId, type ComponentProps, type ReactNode } from "react";

type Common = { label: string; error?: string; hint?: ReactNode; className?: string };

function Messages({ id, error, hint }: { id: string; error?: string; hint?: ReactNode }) {
  return (
    <>
      {hint ? (
        <p id={`${id}-hint`} className="mt-1 text-xs text-slate-600">
          {hint}
        </p>
      ) : null}
      {error ? (
        <p id={`${id}-error`} className="mt-1 text-sm text-red-700">
          {error}
        </p>
      ) : null}
    </>
  );
}

function describedBy(id: string, error?: string, hint?: ReactNode): string | undefined {
  return [hint ? `${id}-hint` : "", error ? `${id}-error` : ""].filter(Boolean).join(" ") || undefined;
}

const CONTROL =
  "block w-full rounded-md border-0 bg-white px-3 py-2 text-sm text-slate-900 shadow-sm ring-1 ring-inset placeholder:text-slate-400 focus:ring-2 focus:ring-inset focus:ring-indigo-600 focus-visible:outline-none disabled:bg-slate-100";

/** A labelled text input whose error and hint are announced with it. */
export function TextField({ label, error, hint, className = "", id: given, ...input }: Common & ComponentProps<"input">) {
  const auto = useId();
  const id = given ?? auto;
  return (
    <div className={className}>
      <label htmlFor={id} className="block text-sm font-medium text-slate-800">
        {label}
      </label>
      <input
        id={id}
        className={`mt-1 ${CONTROL} ${error ? "ring-red-500" : "ring-slate-300"}`}
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy(id, error, hint)}
        {...input}
      />
      <Messages id={id} error={error} hint={hint} />
    </div>
  );
}

/** A labelled native select. */
export function SelectField({ label, error, hint, className = "", id: given, children, ...select }: Common & ComponentProps<"select">) {
  const auto = useId();
  const id = given ?? auto;
  return (
    <div className={className}>
      <label htmlFor={id} className="block text-sm font-medium text-slate-800">
        {label}
      </label>
      <select
        id={id}
        className={`mt-1 ${CONTROL} pr-8 ${error ? "ring-red-500" : "ring-slate-300"}`}
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy(id, error, hint)}
        {...select}
      >
        {children}
      </select>
      <Messages id={id} error={error} hint={hint} />
    </div>
  );
}
