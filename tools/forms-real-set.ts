/**
 * The real-form development set: fillable PDFs from public repositories, each its own ground truth
 * (its widgets, lib/forms/realset) and, with the widgets removed, a flat input for the pipeline.
 *
 *   npx tsx tools/forms-real-set.ts build [--data /work/data/forms-real] [--mirrors /work/.mirror] [--cache DIR] [--shard k/n]
 *     rebuilds the set from bench/forms/real/SOURCES.json: each file read at its recorded commit from
 *     a git mirror (<mirrors>/<owner>+<name>/repo) or, without one, from a clone of the repository
 *     into --cache; its sha256 checked; flat PDF, truth JSON, split and an index written to --data.
 *   npx tsx tools/forms-real-set.ts discover --repos bench/forms/real/repos.json [--mirrors DIR]
 *     selects documents from the newest commit of each listed repository's mirror and rewrites
 *     SOURCES.json, SOURCES.md and split.json (the rules are in SOURCES.md).
 *   npx tsx tools/forms-real-set.ts discover --append [--data /work/data/forms-real]
 *     keeps SOURCES.json as it is and runs discovery only over the repositories of repos.json that it
 *     does not name yet (listed after the others), deduplicating against the built set in --data:
 *     the same result as a full discover, without rescanning the large test corpora.
 */
import { execFileSync } from "node:child_process";
import { createHash } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import { countByType, flattenForm, layoutKey, realId, type RealSource, type RealSplit, type RealTruth, splitDocuments, widgetTruth } from "../lib/forms/realset";

const root = path.resolve(__dirname, "..");
const setDir = path.join(root, "bench", "forms", "real");
const SPLIT_SEED = "forms-real-v1";
const TEST_SHARE = 0.3;
/** Discovery rules (SOURCES.md repeats them). */
const MAX_PAGES = 40;
const MAX_BYTES = 4_000_000;
const MIN_FIELDS = 2;
const MIN_PAGE_TEXT = 30;
/** No one test corpus may dominate: at most this many documents a repository, taken in blob-id order (deterministic, unrelated to names). */
const MAX_PER_REPO = 90;

const { positionals, values } = parseArgs({
  allowPositionals: true,
  options: {
    data: { type: "string", default: "/work/data/forms-real" },
    mirrors: { type: "string", default: "/work/.mirror" },
    cache: { type: "string", default: path.join(root, "bench", "work", "forms-real-clones") },
    repos: { type: "string", default: path.join(setDir, "repos.json") },
    shard: { type: "string", default: "0/1" },
    append: { type: "boolean", default: false },
  },
});

const sha256 = (b: Uint8Array) => createHash("sha256").update(b).digest("hex");

function gitDir(repo: string): string {
  const mirror = path.join(values.mirrors!, repo.replace("/", "+"), "repo");
  for (const dir of [path.join(mirror, ".git"), mirror]) if (fs.existsSync(path.join(dir, "HEAD"))) return dir;
  const clone = path.join(values.cache!, repo.replace("/", "+"));
  if (!fs.existsSync(path.join(clone, "HEAD"))) {
    fs.mkdirSync(path.dirname(clone), { recursive: true });
    execFileSync("git", ["clone", "--bare", "--filter=blob:none", `https://github.com/${repo}.git`, clone], { stdio: "inherit" });
  }
  return clone;
}

const git = (dir: string, args: string[]) => execFileSync("git", ["--git-dir", dir, ...args], { maxBuffer: 1 << 30 });

/**
 * A quick first look with qpdf (discovery only: most test-corpus PDFs have no form at all): false
 * when qpdf reads the file and finds no AcroForm field; unreadable files go on to the full check.
 */
function hasFormFields(bytes: Uint8Array): boolean {
  try {
    // qpdf seeks in its input, so it reads a file rather than a pipe.
    const file = path.join(os.tmpdir(), `forms-real-${process.pid}.pdf`);
    fs.writeFileSync(file, bytes);
    const out = execFileSync("qpdf", ["--json", "--json-key=acroform", "--no-warn", file], { maxBuffer: 1 << 28, stdio: ["ignore", "pipe", "ignore"] });
    const json = JSON.parse(out.toString()) as { acroform?: { fields?: unknown[] } };
    return (json.acroform?.fields?.length ?? 0) > 0;
  } catch {
    return true;
  }
}

type Prepared = { truth: Awaited<ReturnType<typeof widgetTruth>>; flat: Uint8Array };

async function prepare(bytes: Uint8Array): Promise<Prepared> {
  const flat = await flattenForm(bytes);
  const truth = await widgetTruth(bytes, { text: true });
  return { truth, flat: flat.pdf };
}

/** Writes one document's flat PDF and truth into the data dir. */
function writeDocument(data: string, s: Pick<RealSource, "repo" | "commit" | "path" | "sha256">, { truth, flat }: Prepared) {
  const id = realId(s.sha256);
  const record: RealTruth = {
    id,
    sha256: s.sha256,
    source: { repo: s.repo, commit: s.commit, path: s.path },
    pages: truth.pages.map((p) => ({ size: { width: round(p.size.width), height: round(p.size.height) }, rotation: p.rotation })),
    fields: truth.fields,
    dropped: truth.dropped,
  };
  fs.mkdirSync(path.join(data, "flat"), { recursive: true });
  fs.mkdirSync(path.join(data, "truth"), { recursive: true });
  fs.writeFileSync(path.join(data, "flat", `${id}.pdf`), flat);
  fs.writeFileSync(path.join(data, "truth", `${id}.json`), JSON.stringify(record));
  return record;
}

function writeIndex(data: string, sources: RealSource[], split: RealSplit) {
  const test = new Set(split.test);
  const index = sources.map((s) => ({ id: realId(s.sha256), sha256: s.sha256, split: test.has(s.sha256) ? "test" : "dev", repo: s.repo, path: s.path, pages: s.pages, fields: s.fields }));
  fs.writeFileSync(path.join(data, "split.json"), `${JSON.stringify(split, null, 1)}\n`);
  fs.writeFileSync(path.join(data, "index.json"), `${JSON.stringify(index, null, 1)}\n`);
  fs.writeFileSync(
    path.join(data, "README.md"),
    [
      "# Real-form set (built by tools/forms-real-set.ts; sources in bench/forms/real/SOURCES.md)",
      "",
      "- `flat/<id>.pdf`: the input, the fillable PDF with its widgets and AcroForm removed (id = first 16 hex of the original's sha256)",
      "- `truth/<id>.json`: `{id, sha256, source, pages: [{size, rotation}], fields: [{page, type, box, label}], dropped}`;",
      "  boxes in points of the page as displayed (CropBox, then /Rotate), origin top-left, y down: the pipeline's own coordinates",
      "- `split.json`: `{seed, test_share, dev: [sha256], test: [sha256]}`; tune on dev, report on test, never train on test",
      "- `index.json`: one row a document (id, sha256, split, repo, path, pages, fields by type)",
      "",
      "Measure: `npm run bench:forms -- --real-only --real-split dev` (or test).",
      "",
    ].join("\n"),
  );
}

async function discover() {
  const data = path.resolve(values.data!);
  const repos = JSON.parse(fs.readFileSync(values.repos!, "utf8")) as { repo: string; license: string; exclude?: string[] }[];
  // --append: the documents already chosen stay as they are (their truth read back from --data).
  const previous = values.append ? (JSON.parse(fs.readFileSync(path.join(setDir, "SOURCES.json"), "utf8")) as RealSource[]) : [];
  const sources: RealSource[] = [...previous];
  const seen = new Set<string>(previous.map((s) => s.sha256));
  const layouts = new Set<string>(
    previous.map((s) => {
      const truth = JSON.parse(fs.readFileSync(path.join(data, "truth", `${realId(s.sha256)}.json`), "utf8")) as RealTruth;
      return layoutKey(truth.pages.length, truth.fields);
    }),
  );
  const rejected: Record<string, number> = values.append ? JSON.parse(fs.readFileSync(path.join(setDir, "rejected.json"), "utf8")) : {};
  const reject = (why: string) => (rejected[why] = (rejected[why] ?? 0) + 1);
  const done = new Set(previous.map((s) => s.repo));
  for (const { repo, license, exclude = [] } of repos) {
    if (done.has(repo)) continue;
    const dir = gitDir(repo);
    const commit = git(dir, ["rev-parse", "HEAD"]).toString().trim();
    const listing = git(dir, ["ls-tree", "-r", "-l", "-z", commit]).toString().split("\0").filter(Boolean);
    const files = listing
      .map((line) => {
        const [meta, file] = line.split("\t");
        const [, kind, blob, size] = meta.split(/\s+/);
        return { kind, blob, size: Number(size), file };
      })
      .filter((f) => f.kind === "blob" && /\.pdf$/i.test(f.file) && f.size > 0 && f.size <= MAX_BYTES && !exclude.some((e) => f.file.startsWith(e)))
      .sort((a, b) => a.blob.localeCompare(b.blob));
    let kept = 0;
    for (const f of files) {
      if (kept >= MAX_PER_REPO) break;
      let bytes: Uint8Array;
      try {
        bytes = new Uint8Array(git(dir, ["cat-file", "blob", `${commit}:${f.file}`]));
      } catch {
        reject("missing blob");
        continue;
      }
      const sha = sha256(bytes);
      if (seen.has(sha)) {
        reject("duplicate content");
        continue;
      }
      seen.add(sha);
      if (!hasFormFields(bytes)) {
        reject("no form fields");
        continue;
      }
      let prepared: Prepared;
      try {
        prepared = await prepare(bytes);
      } catch {
        reject("encrypted or unreadable");
        continue;
      }
      const { truth } = prepared;
      if (truth.pages.length > MAX_PAGES) {
        reject("too many pages");
        continue;
      }
      if (truth.fields.length < MIN_FIELDS) {
        reject("fewer than 2 fields");
        continue;
      }
      const text = truth.pages.map((p) => p.textChars ?? 0);
      const perPage = new Map<number, number>();
      for (const field of truth.fields) perPage.set(field.page, (perPage.get(field.page) ?? 0) + 1);
      if (![...perPage].some(([page, n]) => n >= MIN_FIELDS && text[page] >= MIN_PAGE_TEXT)) {
        reject("no drawn page holding fields");
        continue;
      }
      const layout = layoutKey(truth.pages.length, truth.fields);
      if (layouts.has(layout)) {
        reject("same layout as another document");
        continue;
      }
      layouts.add(layout);
      const source = { repo, commit, path: f.file, license, sha256: sha, pages: truth.pages.length, fields: countByType(truth.fields) };
      sources.push(source);
      // Discovery writes the set as it goes (a later `build` reproduces exactly these files).
      writeDocument(data, source, prepared);
      kept++;
      console.log(`  kept ${realId(sha)} ${f.file} (${truth.pages.length} pages, ${truth.fields.length} fields)`);
    }
    console.log(`${repo}@${commit.slice(0, 12)}: ${files.length} PDFs, ${kept} kept`);
  }
  console.log("rejected:", rejected);
  const split = splitDocuments(sources, SPLIT_SEED, TEST_SHARE);
  fs.writeFileSync(path.join(setDir, "SOURCES.json"), `${JSON.stringify(sources, null, 1)}\n`);
  fs.writeFileSync(path.join(setDir, "split.json"), `${JSON.stringify(split, null, 1)}\n`);
  fs.writeFileSync(path.join(setDir, "rejected.json"), `${JSON.stringify(rejected, null, 1)}\n`);
  writeSourcesMd(sources, split, rejected);
  writeIndex(data, sources, split);
  console.log(`${sources.length} documents (${split.dev.length} dev, ${split.test.length} test)`);
}

function writeSourcesMd(sources: RealSource[], split: RealSplit, rejected: Record<string, number>) {
  const test = new Set(split.test);
  const repos = [...new Set(sources.map((s) => s.repo))];
  const sum = (xs: RealSource[], k: string) => xs.reduce((n, s) => n + (s.fields[k] ?? 0), 0);
  const lines = [
    "# Real-form set: sources",
    "",
    "Generated by `npx tsx tools/forms-real-set.ts discover` from the repositories in `repos.json`; do not edit by hand.",
    "Each document is a fillable PDF from a public repository, read at the commit below. Its widgets are",
    "the ground truth (lib/forms/realset); the PDF with widgets and AcroForm removed is the flat input.",
    "The PDFs are not committed: `npx tsx tools/forms-real-set.ts build` rebuilds the set (flat PDFs,",
    "truth JSON, split, index) into /work/data/forms-real from these sources, checking each sha256.",
    "",
    "Rules: PDFs up to 4 MB and 40 pages that pdf-lib opens without a password; at least 2 widgets",
    "kept as truth (text and combo boxes -> text, checkboxes and radio buttons -> checkbox, signature",
    "fields -> signature; push buttons, list boxes, hidden and widgets under 5 pt dropped); at least one",
    "page holding 2 or more of them that draws 30 or more characters of text once flattened (test files",
    "with a widget on a blank page teach and measure nothing); identical files and identical layouts",
    "(same page count, same widget types and boxes to the point) kept once; at most 90 documents a",
    "repository, in blob-id order. Not taken from: mozilla/pdf.js, Hopding/pdf-lib, pymupdf/PyMuPDF,",
    "py-pdf/pypdf, SuffolkLITLab/FormFyxer (reserved for evaluation), nor any SuffolkLITLab repository.",
    "",
    `Split: seeded (\`${split.seed}\`) per repository, ${Math.round(split.test_share * 100)} % of documents held back as test (split.json, by sha256).`,
    "",
    `Rejected during discovery: ${Object.entries(rejected).map(([k, v]) => `${k} ${v}`).join(", ")}.`,
    "",
    "| repository | commit | license | documents (dev / test) | pages | text | checkbox | signature |",
    "|---|---|---|---|---|---|---|---|",
    ...repos.map((repo) => {
      const xs = sources.filter((s) => s.repo === repo);
      const t = xs.filter((s) => test.has(s.sha256)).length;
      return `| ${repo} | \`${xs[0].commit.slice(0, 12)}\` | ${xs[0].license} | ${xs.length} (${xs.length - t} / ${t}) | ${xs.reduce((n, s) => n + s.pages, 0)} | ${sum(xs, "text")} | ${sum(xs, "checkbox")} | ${sum(xs, "signature")} |`;
    }),
    `| **all** | | | ${sources.length} (${split.dev.length} / ${split.test.length}) | ${sources.reduce((n, s) => n + s.pages, 0)} | ${sum(sources, "text")} | ${sum(sources, "checkbox")} | ${sum(sources, "signature")} |`,
    "",
    "## Documents",
    "",
    "| split | repository | path | sha256 | pages | text / checkbox / signature |",
    "|---|---|---|---|---|---|",
    ...sources.map((s) => `| ${test.has(s.sha256) ? "test" : "dev"} | ${s.repo} | \`${s.path}\` | \`${s.sha256.slice(0, 16)}…\` | ${s.pages} | ${s.fields.text} / ${s.fields.checkbox} / ${s.fields.signature} |`),
    "",
  ];
  fs.writeFileSync(path.join(setDir, "SOURCES.md"), lines.join("\n"));
}

function sourcesMd() {
  const sources = JSON.parse(fs.readFileSync(path.join(setDir, "SOURCES.json"), "utf8")) as RealSource[];
  const split = JSON.parse(fs.readFileSync(path.join(setDir, "split.json"), "utf8")) as RealSplit;
  const rejected = JSON.parse(fs.readFileSync(path.join(setDir, "rejected.json"), "utf8")) as Record<string, number>;
  writeSourcesMd(sources, split, rejected);
}

async function build() {
  const sources = JSON.parse(fs.readFileSync(path.join(setDir, "SOURCES.json"), "utf8")) as RealSource[];
  const split = JSON.parse(fs.readFileSync(path.join(setDir, "split.json"), "utf8")) as RealSplit;
  const data = path.resolve(values.data!);
  // --shard k/n builds every n-th document (one process a core); each shard writes the same index.
  const [shard, shards] = values.shard!.split("/").map(Number);
  for (const [i, s] of sources.entries()) {
    if (i % shards !== shard) continue;
    const bytes = new Uint8Array(git(gitDir(s.repo), ["cat-file", "blob", `${s.commit}:${s.path}`]));
    if (sha256(bytes) !== s.sha256) throw new Error(`${s.repo}:${s.path} at ${s.commit} does not have the recorded sha256`);
    writeDocument(data, s, await prepare(bytes));
    if ((i + 1) % 50 === 0) console.log(`${i + 1}/${sources.length}`);
  }
  writeIndex(data, sources, split);
  console.log(`built ${sources.length} documents into ${data}`);
}

const round = (n: number) => Math.round(n * 100) / 100;

// pdf.js rejects stray promises on some broken files after the document was given up on.
process.on("unhandledRejection", () => undefined);
const noisy = console.warn;
console.warn = (...args: unknown[]) => (typeof args[0] === "string" && /parse|object|xref|ref/i.test(args[0]) ? undefined : noisy(...args));

const command = positionals[0];
const commands: Record<string, () => Promise<void> | void> = { discover, build, "sources-md": sourcesMd };
Promise.resolve()
  .then(() => (commands[command] ?? (() => Promise.reject(new Error("usage: forms-real-set.ts build|discover|sources-md"))))())
  .then(() => process.exit(0))
  .catch((error) => {
    console.error(error);
    process.exit(1);
  });
