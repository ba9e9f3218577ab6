"use client";

import Link from "next/link";
import { useEffect } from "react";
import { Button, buttonClasses } from "./button";

/** The body of error boundaries: what happened, the reference to quote, and a way forward. */
export function ErrorView({ error, retry }: { error: unknown; retry: () => void }) {
  const digest = error && typeof error === "object" && "digest" in error ? String((error as { digest?: unknown }).digest ?? "") : "";
  useEffect(() => {
    console.error(error);
  }, [error]);
  return (
    <div className="mx-auto max-w-lg py-16 text-center" role="alert">
      <p className="text-sm font-semibold text-red-700">Error</p>
      <h1 className="mt-2 text-2xl font-semibold tracking-tight text-slate-900">Something went wrong</h1>
      <p className="mt-2 text-sm text-slate-600">
        The page could not be shown. This is usually temporary; try again. If it keeps happening, contact support
        {digest ? " and quote the reference below" : ""}.
      </p>
      {digest ? (
        <p className="mt-3 text-xs text-slate-600">
          Reference: <code className="font-mono">{digest}</code>
        </p>
      ) : null}
      <div className="mt-6 flex justify-center gap-3">
        <Button onClick={() => retry()}>Try again</Button>
        <Link href="/dashboard" className={buttonClasses("secondary")}>
          Go to the dashboard
        </Link>
      </div>
    </div>
  );
}
