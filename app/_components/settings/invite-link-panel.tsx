"use client";

import { useEffect, useRef } from "react";
import { Button } from "../ui/button";
import { CopyButton } from "../ui/copy-button";
import { DateTime } from "../ui/time";

/**
 * The one moment an invitation link is visible. Focus moves here; the link sits in a read-only
 * field that selects itself for manual copying.
 */
export function InviteLinkPanel({ email, url, expiresAt, onDone }: { email: string; url: string; expiresAt: string | null; onDone: () => void }) {
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => heading.current?.focus(), [url]);
  return (
    <section aria-labelledby="invite-link-title" className="rounded-lg border border-emerald-300 bg-emerald-50 p-4" data-testid="invite-link-panel">
      <h2 id="invite-link-title" ref={heading} tabIndex={-1} className="text-base font-semibold text-emerald-950 focus:outline-none">
        Invitation link for {email}
      </h2>
      <p className="mt-1 text-sm text-emerald-950">
        <strong>Send this link to them now: you won’t see it again.</strong> It works once, for {email} only
        {expiresAt ? (
          <>
            , until <DateTime value={expiresAt} />
          </>
        ) : null}
        . Lost it? Use “New link” on the invitation.
      </p>
      <div className="mt-3 flex flex-col gap-2 sm:flex-row sm:items-center">
        <label htmlFor="invite-link" className="sr-only">
          Invitation link
        </label>
        <input
          id="invite-link"
          readOnly
          value={url}
          onFocus={(e) => e.currentTarget.select()}
          className="block w-full min-w-0 flex-1 rounded-md border-0 bg-white px-3 py-2 font-mono text-sm text-slate-900 ring-1 ring-emerald-300 ring-inset"
          data-testid="invite-link"
          spellCheck={false}
          autoComplete="off"
        />
        <div className="flex gap-2">
          <CopyButton value={url} label="Copy link" />
          <Button variant="ghost" size="sm" onClick={onDone}>
            Done
          </Button>
        </div>
      </div>
    </section>
  );
}
