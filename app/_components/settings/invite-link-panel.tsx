"use client";

import { useEffect, useRef } from "react";
import { OneTimeValue } from "./one-time-value";
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
      <OneTimeValue id="invite-link" label="Invitation link" value={url} copyLabel="Copy link" testId="invite-link" onDone={onDone} />
    </section>
  );
}
