/**
 * Where the production server spends its CPU while answering key-authenticated job polls:
 * `next start` under `node --cpu-prof`, a closed loop of polls, then the profile's self time by
 * original source file and function (through the build's source maps; the server chunks are
 * minified). `tsx bench/api/profile-poll.ts [postgres|pglite] [seconds]`; builds nothing: run
 * `npm run bench:api` once first so .next-bench exists. Prints JSON.
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { FlattenMap, originalPositionFor, type TraceMap } from "@jridgewell/trace-mapping";
import { generateForm, splitSeeds } from "@/lib/forms/synthetic";
import { closedLoop } from "./load";
import { makeApiKey, startServer, type Store } from "./server";
import { uploadAll } from "./uploads";

type Node = { id: number; children?: number[]; callFrame: { functionName: string; url: string; lineNumber: number; columnNumber: number } };
type Profile = { nodes: Node[]; samples: number[]; timeDeltas: number[] };

const [store = "postgres", seconds = "15"] = process.argv.slice(2) as [Store?, string?];
const adminUrl = process.env.BENCH_DATABASE_URL ?? "postgresql://postgres@127.0.0.1:5432/postgres";

function summarize(file: string) {
  const profile = JSON.parse(fs.readFileSync(file, "utf8")) as Profile;
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const maps = new Map<string, TraceMap | null>();
  const traceMap = (url: string) => {
    if (!maps.has(url)) {
      const file = url.replace(/^file:\/\//, "");
      maps.set(url, fs.existsSync(`${file}.map`) ? new FlattenMap(fs.readFileSync(`${file}.map`, "utf8")) : null);
    }
    return maps.get(url);
  };
  const byFile = new Map<string, number>();
  const byFunction = new Map<string, number>();
  const selfUs = new Map<number, number>();
  const names = new Map<number, string>();
  let total = 0;
  profile.samples.forEach((id, i) => {
    const node = byId.get(id)!;
    const { functionName, url, lineNumber, columnNumber } = node.callFrame;
    if (functionName === "(idle)") return;
    const us = profile.timeDeltas[i] ?? 0;
    total += us;
    let source = url || "(native)";
    let name = functionName || "(anonymous)";
    const map = url.includes(".next-bench") ? traceMap(url) : null;
    if (map) {
      const pos = originalPositionFor(map, { line: lineNumber + 1, column: columnNumber });
      if (pos.source) source = pos.source;
      if (pos.name) name = pos.name;
      name = `${name} ${pos.source?.replace(/^.*\/(node_modules\/|lib\/|app\/)/, "$1")}:${pos.line}`;
    } else name = `${name} ${source.replace(/^.*\/(node_modules\/|lib\/|app\/)/, "$1")}:${lineNumber + 1}`;
    const fileKey = source.replace(/^.*?\/(node_modules\/(?:@[^/]+\/)?[^/]+|lib\/[^/]+|app\/)/, "$1").replace(/^file:\/\/.*\.next-bench.*/, ".next-bench (unmapped)");
    byFile.set(fileKey, (byFile.get(fileKey) ?? 0) + us);
    byFunction.set(name, (byFunction.get(name) ?? 0) + us);
    selfUs.set(id, (selfUs.get(id) ?? 0) + us);
  });
  // Inclusive time: a function's own time plus everything it called (counted once per call chain).
  const label = (node: Node) => {
    if (names.has(node.id)) return names.get(node.id)!;
    const { functionName, url, lineNumber, columnNumber } = node.callFrame;
    const map = url.includes(".next-bench") ? traceMap(url) : null;
    const pos = map ? originalPositionFor(map, { line: lineNumber + 1, column: columnNumber }) : null;
    const name = pos?.source
      ? `${pos.name ?? (functionName || "(anonymous)")} ${pos.source.replace(/^.*\/(node_modules\/|lib\/|app\/)/, "$1")}:${pos.line}`
      : `${functionName || "(anonymous)"} ${(url || "(native)").replace(/^.*\/(node_modules\/|lib\/|app\/)/, "$1")}:${lineNumber + 1}`;
    names.set(node.id, name);
    return name;
  };
  const inclusive = new Map<string, number>();
  const walk = (id: number, onStack: Set<string>): number => {
    const node = byId.get(id)!;
    let us = selfUs.get(id) ?? 0;
    const name = label(node);
    const fresh = !onStack.has(name);
    if (fresh) onStack.add(name);
    for (const child of node.children ?? []) us += walk(child, onStack);
    if (fresh) {
      onStack.delete(name);
      if (node.callFrame.functionName !== "(idle)") inclusive.set(name, (inclusive.get(name) ?? 0) + us);
    }
    return node.callFrame.functionName === "(idle)" ? 0 : us;
  };
  walk(profile.nodes[0].id, new Set());
  const top = (m: Map<string, number>, n: number) => [...m].sort((a, b) => b[1] - a[1]).slice(0, n).map(([k, us]) => `${((us / total) * 100).toFixed(1)}% ${k}`);
  return { busy_s: Number((total / 1e6).toFixed(2)), by_file: top(byFile, 30), by_function: top(byFunction, 40), inclusive: top(inclusive, 60) };
}

async function main() {
  // An existing profile (PROFILE_FILE) is only summarised.
  if (process.env.PROFILE_FILE) return void console.log(JSON.stringify(summarize(process.env.PROFILE_FILE), null, 1));
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "conveyor-poll-prof-"));
  const server = await startServer(store, { port: Number(process.env.BENCH_PORT ?? 3312), adminUrl, distDir: ".next-bench", cpuProfileDir: dir });
  try {
    const key = await makeApiKey(server.base);
    const [seed] = splitSeeds("test", 1, 900_000);
    const { jobIds } = await uploadAll(server.base, key, (await generateForm(seed)).pdf, 1);
    const target = { port: server.port, path: `/api/v1/jobs/${jobIds[0]}`, headers: { "x-api-key": key } };
    await closedLoop(target, 8, 3000);
    const r = await closedLoop(target, 8, Number(seconds) * 1000);
    console.error(`polled ${r.requests} times: ${r.rps} req/s`);
    if (process.env.KEEP_PROFILE) console.error(`profiles kept in ${dir}`);
  } finally {
    await server.stop();
  }
  const profiles = fs.readdirSync(dir).filter((f) => f.endsWith(".cpuprofile"));
  const main = profiles.map((f) => path.join(dir, f)).sort((a, b) => fs.statSync(b).size - fs.statSync(a).size)[0];
  console.log(JSON.stringify(summarize(main), null, 1));
  if (!process.env.KEEP_PROFILE) fs.rmSync(dir, { recursive: true, force: true });
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
