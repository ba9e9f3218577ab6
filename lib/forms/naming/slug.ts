const MAX = 40;

/**
 * A readable field name from label text: "3. Date of birth (MM/DD/YYYY):" -> "date_of_birth".
 * Numbering and parenthetical hints are dropped when something is left without them; accents are
 * folded to ASCII; names never start with a digit. Undefined when nothing readable remains.
 */
export function slugify(label: string | undefined): string | undefined {
  if (!label) return undefined;
  let text = label.normalize("NFKD").replace(/[\u0300-\u036f]/g, "");
  text = text.replace(/^\s*(?:(?:step|part|section|question)\s+\d+[a-z]?\s*[:.)-]?|\(?\d{1,3}[a-z]?[.)]|\(?[a-z][.)](?=\s))\s*/i, "");
  // "1 Landlord" in a numbered caption grid; "24 hour phone" keeps its number.
  text = text.replace(/^\s*\d{1,3}\s+(?=[A-Z])/, "");
  const withoutHints = text.replace(/\([^)]*\)|\[[^\]]*\]/g, " ");
  if (/[a-z0-9]/i.test(withoutHints)) text = withoutHints;
  const words = text
    .toLowerCase()
    .replace(/&/g, " and ")
    .replace(/[’']/g, "")
    .split(/[^a-z0-9]+/)
    .filter(Boolean);
  let slug = "";
  for (const w of words) {
    const next = slug ? `${slug}_${w}` : w;
    if (next.length > MAX) break;
    slug = next;
  }
  if (!slug && words.length > 0) slug = words[0].slice(0, MAX);
  if (!slug) return undefined;
  return /^[0-9]/.test(slug) ? `f_${slug}` : slug;
}
