/** Decimal units, as FORMS_MAX_BYTES counts them ("25MB" is 25,000,000 bytes). Pure: the browser uses it too. */
export function formatBytes(bytes: number): string {
  if (bytes >= 1e6) return `${Math.round((bytes / 1e6) * 10) / 10} MB`;
  if (bytes >= 1e3) return `${Math.round(bytes / 1e3)} KB`;
  return `${bytes} bytes`;
}
