import { JsonViewer } from "./json-viewer";

type Props = { error: unknown; truncated?: boolean; fullHref?: string; title: string };

type ErrorLike = { name?: unknown; message?: unknown; stack?: unknown };

/** An error as the SDK serialised it: name and message up front, the stack folded away. */
export function ErrorPanel({ error, truncated, fullHref, title }: Props) {
  const e = (error && typeof error === "object" && !truncated ? error : {}) as ErrorLike;
  const name = typeof e.name === "string" ? e.name : null;
  const message = typeof e.message === "string" ? e.message : null;
  if (!name && !message) return <JsonViewer value={error} truncated={truncated} fullHref={fullHref} label={title} tone="error" />;
  const rest = Object.fromEntries(Object.entries(e).filter(([k]) => !["name", "message", "stack", "__serialized"].includes(k)));
  return (
    <div className="rounded-md border border-red-200 bg-red-50 p-3 text-sm text-red-950" data-testid="error-panel">
      <p className="font-mono text-xs font-semibold break-words">
        {name ?? "Error"}
        {message ? <span className="font-normal">: {message}</span> : null}
      </p>
      {typeof e.stack === "string" && e.stack ? (
        <details className="mt-2">
          <summary className="cursor-pointer text-xs font-medium text-red-800">Stack trace</summary>
          <pre className="mt-1 max-h-72 overflow-auto font-mono text-xs break-words whitespace-pre-wrap">{e.stack}</pre>
        </details>
      ) : null}
      {Object.keys(rest).length > 0 ? (
        <div className="mt-2">
          <JsonViewer value={rest} label={`${title}: details`} tone="error" />
        </div>
      ) : null}
    </div>
  );
}
