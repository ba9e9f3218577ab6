/** Parses "1"/"true"/"0"/"false" the way the Inngest SDK does; undefined for anything else. */
export function parseBooleanish(value: string | undefined): boolean | undefined {
  if (value === undefined) return undefined;
  const v = value.trim().toLowerCase();
  if (v === "1" || v === "true") return true;
  if (v === "0" || v === "false") return false;
  return undefined;
}
