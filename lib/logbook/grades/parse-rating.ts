import type { ParsedRating } from "./types";

/**
 * Splits a rating as Mountain Project or 8a.nu writes it into its parts. One string can hold several
 * systems (`5.15d V16-17 WI8 M13+ A5+ Steep Snow X`); danger (PG13, R, X) and aid (C0, A2) are kept
 * as attributes next to the free-climbing grade, never in its place. Unknown words are ignored
 * rather than failing the tick, because sites add new forms over time.
 */
const YDS = /^5\.(\d{1,2})([abcd](?:\/[abcd])?|[+-])?$/i;
const V = /^V(\d{1,2})([+-]|-\d{1,2})?$/i;
const V_EASY = /^V-?easy$|^VB$/i;
const FRENCH = /^([1-9])([abc])(\+?)(?:\/([1-9][abc]\+?))?$/;
const FONT = /^([1-9])([ABC])(\+?)(?:\/([1-9][ABC]\+?))?$/;
const ICE = /^(WI|AI)(\d)([+-])?$/i;
const MIXED = /^M(\d{1,2})([+-])?$/i;
const AID = /^([AC])(\d)([+-])?$/i;
const DANGER = /^(G|PG|PG-?13|R|X)$/i;
const CLASS = /^([34])(rd|th)$/i;

export function parseRating(raw: string): ParsedRating {
  const parsed: ParsedRating = { raw };
  let rest = ` ${raw.replace(/\s+/g, " ").trim()} `;
  const easyFifth = / easy 5th /i;
  if (easyFifth.test(rest)) {
    parsed.class = "Easy 5th";
    rest = rest.replace(easyFifth, " ");
  }
  const snow = / (easy|mod\.?|moderate|steep) snow /i.exec(rest);
  if (snow) {
    const word = snow[1].toLowerCase();
    parsed.snow = word === "easy" ? "Easy Snow" : word === "steep" ? "Steep Snow" : "Mod. Snow";
    rest = rest.replace(snow[0], " ");
  }
  for (const token of rest.trim().split(" ").filter(Boolean)) {
    if (!parsed.yds && YDS.test(token)) parsed.yds = token.toLowerCase();
    else if (!parsed.v && (V.test(token) || V_EASY.test(token))) parsed.v = V_EASY.test(token) ? "V-easy" : `V${token.slice(1)}`;
    else if (!parsed.ice && ICE.test(token)) parsed.ice = token.toUpperCase();
    else if (!parsed.mixed && MIXED.test(token)) parsed.mixed = token.toUpperCase();
    else if (!parsed.aid && AID.test(token)) parsed.aid = token.toUpperCase();
    else if (!parsed.danger && DANGER.test(token)) parsed.danger = token.toUpperCase().replace("PG-13", "PG13");
    else if (!parsed.class && CLASS.test(token)) parsed.class = token.toLowerCase();
    else if (!parsed.french && FRENCH.test(token)) parsed.french = token;
    else if (!parsed.font && FONT.test(token)) parsed.font = token;
  }
  return parsed;
}
