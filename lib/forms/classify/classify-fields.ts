import { intersection } from "@/lib/pdf/geometry";
import type { Box, DetectedField } from "../types";
import { isMark, isSignatureLabel } from "../vector/candidate";
import type { Phrase } from "../vector/text";

/** Text fields taller than this (points) hold several lines of writing. */
export const MULTILINE_MIN_HEIGHT = 30;

/** Captions of a box that takes one letter: a middle initial. */
const LETTER_BOX = /^\s*(m\.?\s?i\.?|middle initial|initial)\s*:?\s*$/i;
/** Captions of a box that takes a count: a multiplier after it ("x $1,000 ="), or "# of" / "number of". */
const COUNT_BOX = /^\s*([x×]\s*\$?\s*\d[\d,.]*|#\s*of\b|(number|no\.)\s+of\b)/i;
/** An instruction that the boxes under it take a number, not a tick. */
const NO_TICK = /\bdo not (put a |use a )?(check ?mark|tick)/i;
/** How far under such an instruction (points, its foot to a box's top) its boxes stand. */
const NO_TICK_REACH = 48;

/** Whether an instruction's box heads a field: above it within NO_TICK_REACH, the field under its span or just before it. */
const heads = (instruction: Box, field: Box) =>
  field.y >= instruction.y + instruction.height - 1 && field.y - (instruction.y + instruction.height) <= NO_TICK_REACH && field.x >= instruction.x - 20 && field.x <= instruction.x + instruction.width;

/**
 * Final types from geometry and labels: a text field labelled like a signature ("Applicant
 * signature", not "Signature date") is a signature field; a tall text field is multiline, unless
 * it is a comb (one character per cell) or a signature.
 *
 * A signature field stays one only where the page asks for a signature: its label, or printed
 * text beside, under or just above it, says so. Everything else a detector took for a signature
 * line (a name line, an amount line beside a signature block) is a text field.
 *
 * Asking is not enough: a signature line becomes a signature field only where the page also marks
 * the exact spot to sign, with an X at the start of the line or a "Sign here" flag, and does not
 * ask for the signature typed as a name ("/s/"). Authors of fillable forms give most plain
 * "Signature ____" lines a text field (a typed name works in every viewer; a digital signature
 * field needs a digital ID) or no field at all (ink only); the marked spot is where they expect
 * the signature itself. An unmarked signature line is a single-line text field.
 *
 * Pages without text (scans without an OCR layer) give nothing to judge by, so there the
 * detector's type stands.
 */
export function classifyFields(fields: DetectedField[], phrases: Phrase[] = []): void {
  for (const f of fields) {
    if (f.type === "text" && !f.comb && isSignatureLabel(f.label) && f.box.height >= 12 && f.box.width >= 40) f.type = "signature";
    if (f.type === "signature" && !isSignatureLabel(f.label)) {
      const named = f.label !== undefined && NAMED_NOT_SIGNATURE.test(f.label);
      if (named || (phrases.length > 0 && !asksForSignature(f.box, phrases))) f.type = "text";
    }
    let signingLine = false;
    if (f.type === "signature" && phrases.length > 0 && (!marksSigningSpot(f.box, phrases) || typedSignature(f, phrases))) {
      f.type = "text";
      signingLine = true;
    }
    if (f.type === "text" && !f.comb && !signingLine && f.box.height > MULTILINE_MIN_HEIGHT) f.multiline = true;
    else delete f.multiline;
    // A box captioned for a middle initial takes a letter, not a tick (New York's "MI" boxes); one
    // captioned for a count takes a number (New Jersey's "[ ] x $1,000 =" exemptions).
    if (f.type === "checkbox" && f.label !== undefined && (LETTER_BOX.test(f.label) || COUNT_BOX.test(f.label))) f.type = "text";
    // Boxes under "Enter the number claimed. Do not put a check mark." take a count.
    if (f.type === "checkbox" && phrases.some((p) => NO_TICK.test(p.text) && heads(p.box, f.box))) f.type = "text";
    if (f.type === "checkbox") f.box = clickable(f.box);
    if (f.type === "signature") f.box = roomToSign(f.box, phrases);
  }
}

/**
 * A handwritten signature is taller than typed text: signature fields get SIGNATURE_HEIGHT above
 * their line, short of any printed text over it. On the real-form dev set the authors' signature
 * widgets are 22 pt tall at the median (typed-text fields: 14), and 18 pt boxes on the same lines
 * overlapped them by less than half.
 */
export const SIGNATURE_HEIGHT = 22;

function roomToSign(box: Box, phrases: Phrase[]): Box {
  if (box.height >= SIGNATURE_HEIGHT) return box;
  const bottom = box.y + box.height;
  let top = bottom - SIGNATURE_HEIGHT;
  for (const p of phrases) {
    const pBottom = p.box.y + p.box.height;
    const over = p.box.x < box.x + box.width && p.box.x + p.box.width > box.x;
    if (over && pBottom <= box.y + 1 && pBottom > top) top = pBottom;
  }
  return top < box.y ? { ...box, y: top, height: bottom - top } : box;
}

/**
 * Checkboxes printed smaller than a fingertip (US court forms draw 7 pt squares) get a widget of
 * at least CHECKBOX_MIN_SIDE around the same centre: easier to hit, and the size form authors give
 * such widgets (about 12 pt around a 7 pt square), while a box drawn that size still overlaps its
 * widget by more than half. On the real-form dev set, 10 pt matches 55 more author widgets than
 * 9 pt (drawn 7-9 pt squares get widgets 1.0-1.25 times their side); past 11 pt the many 8 pt
 * widgets drawn at 8 pt stop overlapping by half. A side grows at most CHECKBOX_MAX_GROWTH times,
 * so a widget the exact size of the printed square still overlaps ours by more than half.
 */
export const CHECKBOX_MIN_SIDE = 10;
const CHECKBOX_MAX_GROWTH = 1.38;

/**
 * Authors' checkbox widgets cover the printed square with a little to spare: on the real-form dev
 * set widget sides are 1.02 times the drawn square's at the median (p75 1.13); 5 % larger matched
 * 31 more of 3,056 widgets outside the Michigan forms at IoU 0.5, 10 % fewer than 5 %, 15 % lost 700.
 */
const CHECKBOX_MARGIN = 1.05;

function clickable(box: Box): Box {
  const width = Math.max(box.width * CHECKBOX_MARGIN, Math.min(CHECKBOX_MIN_SIDE, box.width * CHECKBOX_MAX_GROWTH));
  const height = Math.max(box.height * CHECKBOX_MARGIN, Math.min(CHECKBOX_MIN_SIDE, box.height * CHECKBOX_MAX_GROWTH));
  return { x: box.x + (box.width - width) / 2, y: box.y + (box.height - height) / 2, width, height };
}

/** Labels that name something else even when "signature" is in them ("Date of signature"). */
const NAMED_NOT_SIGNATURE = /\b(date|name)\b/i;

/**
 * Printed text that asks for a signature near `box`: on its line up to 150 points to the left,
 * under it (a caption) or just above it, overlapping it sideways.
 */
function asksForSignature(box: Box, phrases: Phrase[]): boolean {
  const near = aroundLine(box);
  return phrases.some((p) => isSignatureLabel(p.text) && !isMark(p) && intersection(p.box, near) > 0 && (p.box.x < box.x + box.width || p.box.y > box.y + box.height - 4));
}

/**
 * An X (or a ballot cross) printed where the pen goes: the oldest "sign here" mark. Alone, or the
 * last word of the label it follows closely enough to be read as one phrase ("Signature: x").
 */
const SIGN_MARK = /(^|\s)[xX\u00d7\u2715\u2716\u2717\u2718]$/;
/** A "Sign here" flag, with or without an arrow. */
const SIGN_HERE = /\bsign\s+here\b/i;
/** "/s/": the convention for a signature typed as a name (e-filed court papers). */
const TYPED_SIGNATURE = /\/s\//i;

/** The area whose printed text speaks about `box`: its line up to 150 points to the left, and just above and below it. */
const aroundLine = (box: Box): Box => ({ x: box.x - 150, y: box.y - 12, width: box.width + 160, height: box.height + 26 });

/**
 * Printed text that marks `box` as the exact spot to sign: an X at the start of the line, or a
 * "Sign here" flag beside, above or under it.
 */
function marksSigningSpot(box: Box, phrases: Phrase[]): boolean {
  const near = aroundLine(box);
  return phrases.some((p) => {
    if (SIGN_MARK.test(p.text.trim())) {
      const sameRow = p.box.y < box.y + box.height + 4 && p.box.y + p.box.height > box.y - 4;
      const end = p.box.x + p.box.width;
      return sameRow && end < box.x + 20 && end >= box.x - 30;
    }
    // A flag may also follow the line ("____ <- Sign here").
    return SIGN_HERE.test(p.text) && intersection(p.box, { ...near, width: near.width + 50 }) > 0;
  });
}

/** A line whose label or nearby text asks for the signature typed as a name ("Signature /s/"). */
function typedSignature(f: DetectedField, phrases: Phrase[]): boolean {
  const near = aroundLine(f.box);
  return (f.label !== undefined && TYPED_SIGNATURE.test(f.label)) || phrases.some((p) => TYPED_SIGNATURE.test(p.text) && intersection(p.box, near) > 0);
}
