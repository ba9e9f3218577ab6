import type { DetectedField } from "../types";
import { isSignatureLabel } from "../vector/candidate";

/** Text fields taller than this (points) hold several lines of writing. */
export const MULTILINE_MIN_HEIGHT = 30;

/**
 * Final types from geometry and labels: a text field labelled like a signature ("Applicant
 * signature", not "Signature date") is a signature field; a tall text field is multiline, unless
 * it is a comb (one character per cell) or a signature.
 */
export function classifyFields(fields: DetectedField[]): void {
  for (const f of fields) {
    if (f.type === "text" && !f.comb && isSignatureLabel(f.label) && f.box.height >= 12) f.type = "signature";
    if (f.type === "signature" && f.label && !isSignatureLabel(f.label) && /\b(date|name)\b/i.test(f.label)) f.type = "text";
    if (f.type === "text" && !f.comb && f.box.height > MULTILINE_MIN_HEIGHT) f.multiline = true;
    else delete f.multiline;
  }
}
