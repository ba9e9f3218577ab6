/**
 * The real-form development set: fillable PDFs from public repositories, each its own ground truth
 * (its widgets, lib/forms/realset) and, with the widgets removed, a flat input for the pipeline.
 *
 *   npx tsx tools/forms-real-set.ts build [--data /work/data/forms-real] [--mirrors /work/.mirror] [--cache DIR]
 *     rebuilds the set from bench/forms/real/SOURCES.json: each file read at its recorded commit from
 *     a git mirror (<mirrors>/<owner>+<name>/repo) or, without one, from a clone of the repository
 *     into --cache; its sha256 checked; flat PDF, truth JSON, split and an index written to --data.
 *   npx tsx tools/forms-real-set.ts discover --repos bench/forms/real/repos.json [--mirrors DIR]
 *     selects documents from the newest commit of each listed repository's mirror and rewrites
 *     SOURCES.json, SOURCES.md and split.json (the rules are in SOURCES.md).
 */
import { execFileSync } from "node:child_process";
import { createHash } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import { openPdf } from "../lib/pdf/pdfjs";
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

/** Non-blank characters of text on each page of a PDF, as pdf.js extracts them. */
async function pageTextChars(pdf: Uint8Array): Promise<number[]> {
  const doc = await openPdf(pdf.slice());
  try {
    const counts: number[] = [];
    for (let i = 1; i <= doc.numPages; i++) {
      const page = await doc.getPage(i);
      const text = await page.getTextContent();
      counts.push(text.items.reduce((n, item) => n + ("str" in item ? item.str.replace(/\s/g, "").length : 0), 0));
      page.cleanup();
    }
    return counts;
  } finally {
    await doc.destroy();
  }
}

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
  const truth = await widgetTruth(bytes);
  return { truth, flat: flat.pdf };
}

async function discover() {
  const repos = JSON.parse(fs.readFileSync(values.repos!, "utf8")) as { repo: string; license: string; exclude?: string[] }[];
  const sources: RealSource[] = [];
  const seen = new Set<string>();
  const layouts = new Set<string>();
  const rejected: Record<string, number> = {};
  const reject = (why: string) => (rejected[why] = (rejected[why] ?? 0) + 1);
  for (const { repo, license, exclude = [] } of repos) {
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
      let text: number[];
      try {
        text = await pageTextChars(prepared.flat);
      } catch {
        reject("flat copy unreadable");
        continue;
      }
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
      sources.push({ repo, commit, path: f.file, license, sha256: sha, pages: truth.pages.length, fields: countByType(truth.fields) });
      kept++;
    }
    console.log(`${repo}@${commit.slice(0, 12)}: ${files.length} PDFs, ${kept} kept`);
  }
  console.log("rejected:", rejected);
  const split = splitDocuments(sources, SPLIT_SEED, TEST_SHARE);
  fs.writeFileSync(path.join(setDir, "SOURCES.json"), `${JSON.stringify(sources, null, 1)}\n`);
  fs.writeFileSync(path.join(setDir, "split.json"), `${JSON.stringify(split, null, 1)}\n`);
  fs.writeFileSync(path.join(setDir, "rejected.json"), `${JSON.stringify(rejected, null, 1)}\n`);
  console.log(`${sources.length} documents (${split.dev.length} dev, ${split.test.length} test)`);
}

async function build() {
  const sources = JSON.parse(fs.readFileSync(path.join(setDir, "SOURCES.json"), "utf8")) as RealSource[];
  const split = JSON.parse(fs.readFileSync(path.join(setDir, "split.json"), "utf8")) as RealSplit;
  const test = new Set(split.test);
  const data = path.resolve(values.data!);
  for (const sub of ["flat", "truth"]) fs.mkdirSync(path.join(data, sub), { recursive: true });
  const index = [];
  for (const [i, s] of sources.entries()) {
    const bytes = new Uint8Array(git(gitDir(s.repo), ["cat-file", "blob", `${s.commit}:${s.path}`]));
    if (sha256(bytes) !== s.sha256) throw new Error(`${s.repo}:${s.path} at ${s.commit} does not have the recorded sha256`);
    const id = realId(s.sha256);
    const { truth, flat } = await prepare(bytes);
    const record: RealTruth = {
      id,
      sha256: s.sha256,
      source: { repo: s.repo, commit: s.commit, path: s.path },
      pages: truth.pages.map((p) => ({ size: { width: round(p.size.width), height: round(p.size.height) }, rotation: p.rotation })),
      fields: truth.fields,
      dropped: truth.dropped,
    };
    fs.writeFileSync(path.join(data, "flat", `${id}.pdf`), flat);
    fs.writeFileSync(path.join(data, "truth", `${id}.json`), JSON.stringify(record));
    index.push({ id, sha256: s.sha256, split: test.has(s.sha256) ? "test" : "dev", repo: s.repo, pages: record.pages.length, fields: countByType(truth.fields) });
    if ((i + 1) % 50 === 0) console.log(`${i + 1}/${sources.length}`);
  }
  fs.writeFileSync(path.join(data, "split.json"), `${JSON.stringify(split, null, 1)}\n`);
  fs.writeFileSync(path.join(data, "index.json"), `${JSON.stringify(index, null, 1)}\n`);
  console.log(`built ${index.length} documents into ${data}`);
}

const round = (n: number) => Math.round(n * 100) / 100;

// pdf.js rejects stray promises on some broken files after the document was given up on.
process.on("unhandledRejection", () => undefined);
const noisy = console.warn;
console.warn = (...args: unknown[]) => (typeof args[0] === "string" && /parse|object|xref|ref/i.test(args[0]) ? undefined : noisy(...args));

const command = positionals[0];
(command === "discover" ? discover() : command === "build" ? build() : Promise.reject(new Error("usage: forms-real-set.ts build|discover")))
  .then(() => process.exit(0))
  .catch((error) => {
    console.error(error);
    process.exit(1);
  });
