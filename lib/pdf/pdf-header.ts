/** A PDF signature ("%PDF-") in the first KiB; readers accept leading junk up to there. */
export function hasPdfHeader(head: Uint8Array): boolean {
  return Buffer.from(head.buffer, head.byteOffset, Math.min(head.byteLength, 1024)).includes("%PDF-");
}
