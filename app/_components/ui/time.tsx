"use client";

import { formatDateTime, formatRelative, formatTime } from "../format";
import { useHydrated, useNow } from "../hooks/use-hydrated";

type Props = { value: string | Date | null | undefined; className?: string };

/** An absolute date and time: UTC while hydrating, then the viewer's own time zone. */
export function DateTime({ value, className, seconds }: Props & { seconds?: boolean }) {
  const hydrated = useHydrated();
  if (!value) return <span className={className}>—</span>;
  const iso = new Date(value).toISOString();
  return (
    <time dateTime={iso} className={className}>
      {formatDateTime(value, { utc: !hydrated, seconds })}
    </time>
  );
}

/** Time of day with seconds (timeline rows); the full date is in the tooltip. */
export function TimeOfDay({ value, className }: Props) {
  const hydrated = useHydrated();
  if (!value) return <span className={className}>—</span>;
  const iso = new Date(value).toISOString();
  return (
    <time dateTime={iso} title={hydrated ? formatDateTime(value, { seconds: true }) : iso} className={className}>
      {formatTime(value, { utc: !hydrated })}
    </time>
  );
}

/** "3 minutes ago", kept fresh; the absolute time is in the tooltip. */
export function RelativeTime({ value, className }: Props) {
  const hydrated = useHydrated();
  const now = useNow(30_000);
  if (!value) return <span className={className}>—</span>;
  const iso = new Date(value).toISOString();
  return (
    <time dateTime={iso} title={hydrated ? formatDateTime(value, { seconds: true }) : iso} className={className}>
      {hydrated ? formatRelative(value, now) : formatDateTime(value, { utc: true })}
    </time>
  );
}
