import { coverage, overlap1d } from "@/lib/pdf/geometry";
import type { Box, FieldType, PageSize } from "../types";
import type { Phrase, TextModel } from "./text";

/** How a vector candidate was found; kept in the per-page evidence for debugging and tuning. */
export type Construct =
  | "box"
  | "caption-cell"
  | "comb"
  | "comb-ticks"
  | "digit-rule"
  | "comb-cell"
  | "checkbox"
  | "checkbox-glyph"
  | "fill-box"
  | "label-cell"
  | "table-cell"
  | "underline"
  | "underscores";

export type Candidate = {
  box: Box;
  type: FieldType;
  construct: Construct;
  score: number;
  multiline?: boolean;
  comb?: number;
  /** The label found while building the candidate (underlines need one to count as fields). */
  label?: string;
};

export type PageContext = { size: PageSize; text: TextModel };

/** Text whose box lies mostly inside `box`; a pale date hint (isHint) leaves a box empty. */
export function phrasesInside(ctx: PageContext, box: Box, share = 0.5): Phrase[] {
  return ctx.text.phrases.filter((p) => coverage(p.box, box) > share && !isHint(p));
}

/**
 * A date placeholder printed pale inside a box or comb ("M M / D D", "YYYY" in light grey or pink):
 * a hint at what to write, not print that fills the box.
 */
export const isHint = (p: Phrase) => !!p.pale && /^[MDY/.\-\s]{1,24}$/i.test(p.text);

/** Text ending in a colon asks for what follows it: a label ("Name:", "Case Number:"). */
export const endsInColon = (text: string) => /:\s*$/.test(text);

/** A single "X" (sign here) or similar mark printed inside a field; not text that blocks it. */
export const isMark = (p: Phrase) => p.text.replace(/\s/g, "").length <= 1;

/**
 * The top a field may extend to above `bottom` over [x0, x1] before it would cover printed text:
 * the lowest text bottom above `bottom` that overlaps the span (marks excluded).
 */
export function freeTop(ctx: PageContext, x0: number, x1: number, bottom: number, wanted: number): number {
  let top = bottom - wanted;
  for (const p of ctx.text.phrases) {
    if (isMark(p)) continue;
    if (overlap1d(x0, x1, p.box.x, p.box.x + p.box.width) < Math.min(2, p.box.width * 0.3)) continue;
    const pBottom = p.box.y + p.box.height;
    // Text whose middle is below the line is a caption, not an obstacle above it.
    if (p.box.y + p.box.height / 2 >= bottom) continue;
    if (pBottom > top) top = Math.min(pBottom, bottom);
  }
  return top;
}

/** Section titles: "PART 5: INSURANCE", "Section 2", "FOR OFFICE USE ONLY". */
export const isHeading = (text: string) => /^(part|section|step|schedule|chapter)\s+[\dA-Z]/i.test(text) || (text.replace(/[^A-Za-z]/g, "").length >= 10 && text === text.toUpperCase());

/** Height of one line of handwriting above a rule, for labels of `size` points. */
export const lineHeight = (size: number) => Math.min(22, Math.max(12, size * 1.6));

/** Height of a signing area above a rule. */
export const signatureHeight = (size: number) => Math.min(30, Math.max(18, size * 2.2));

/**
 * Words that ask for a signature, in the languages forms come in: signature / sign here / signed /
 * "Sign:", firma (es, it), assinatura, Unterschrift / unterzeichnet, handtekening, podpis,
 * подпись / підпис, 签名 / 签字 / 署名, 서명. \b does not work around Cyrillic or CJK, hence no
 * word boundaries there.
 */
export const SIGNATURE_LABEL =
  /\bsignature\b|\bsign here\b|\bsigned\b|^\s*\(?sign\b|\bfirma\b|\bassinatura\b|unterschrift|unterzeichne|\bsignatur\b|handtekening|\bpodpis|подпис|підпис|签名|签字|署名|서명/i;
/**
 * A date, name, title or place that goes with a signature ("Signature date", "Name of signer",
 * "Signed this ___ day of ___", "Signed at").
 */
const NOT_SIGNATURE = /\bdate\b|\bdated\b|\bday of\b|\bsigned (this|at|on|in)\b|\bname\b|\btitle\b|\bprint|\bfecha\b|\bdatum\b|\bdata\b|дата|фамилия|имя|\bnombre\b|日期|日付|날짜/i;

export function isSignatureLabel(label: string | undefined): boolean {
  return !!label && SIGNATURE_LABEL.test(label) && !NOT_SIGNATURE.test(label);
}
