/** Reads V8 .cpuprofile files (node --cpu-prof): self time by function and by area of code. */
import fs from "node:fs";

type Node = { id: number; callFrame: { functionName: string; url: string; lineNumber: number }; children?: number[] };
type Profile = { nodes: Node[]; samples: number[]; timeDeltas: number[]; startTime: number; endTime: number };

export function area(url: string, fn: string): string {
  if (fn === "(garbage collector)") return "garbage collection";
  if (fn === "(idle)" || fn === "(program)") return fn === "(idle)" ? "idle" : "V8/native (program)";
  if (url.includes("node_modules/inngest")) return "inngest SDK";
  if (/node_modules\/(pg|pg-protocol|pg-pool|pg-types)\//.test(url)) return "pg driver";
  if (url.includes("node_modules/zod")) return "zod";
  if (url.includes("node_modules/pino")) return "pino (logging)";
  if (url.includes("node_modules/canonicalize") || url.includes("protocol/sign")) return "engine: signing/canonical JSON";
  if (url.includes("/lib/engine/")) return "engine";
  if (url.includes("/lib/")) return "conveyor lib (db, env, logging)";
  if (url.includes("/bench/")) return "benchmark code";
  if (url.startsWith("node:")) {
    if (/http|_http|net|stream|dns/.test(url)) return "node: http/net/streams";
    if (/crypto/.test(url)) return "node: crypto";
    return "node: other internals";
  }
  if (url === "") return "native/builtins (JSON, RegExp, ...)";
  if (url.includes("node_modules")) return `other package (${/node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(url)?.[1]})`;
  return "other";
}

export function summarizeProfile(file: string, top = 15) {
  const profile = JSON.parse(fs.readFileSync(file, "utf8")) as Profile;
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const self = new Map<number, number>();
  profile.samples.forEach((id, i) => self.set(id, (self.get(id) ?? 0) + (profile.timeDeltas[i] ?? 0)));
  const total = [...self.values()].reduce((a, b) => a + b, 0);
  const idle = [...self.entries()].filter(([id]) => byId.get(id)?.callFrame.functionName === "(idle)").reduce((a, [, v]) => a + v, 0);
  const busy = total - idle;
  const areas = new Map<string, number>();
  const fns = new Map<string, number>();
  for (const [id, us] of self) {
    const { functionName, url, lineNumber } = byId.get(id)!.callFrame;
    if (functionName === "(idle)") continue;
    const a = area(url, functionName);
    areas.set(a, (areas.get(a) ?? 0) + us);
    const key = `${functionName || "(anonymous)"} ${url.replace(/^.*\/(node_modules\/|lib\/|bench\/)/, "$1")}:${lineNumber + 1}`;
    fns.set(key, (fns.get(key) ?? 0) + us);
  }
  const pct = (us: number) => Number(((us / Math.max(busy, 1)) * 100).toFixed(1));
  return {
    wall_s: Number(((profile.endTime - profile.startTime) / 1e6).toFixed(2)),
    busy_s: Number((busy / 1e6).toFixed(2)),
    areas: [...areas.entries()].sort((a, b) => b[1] - a[1]).map(([name, us]) => ({ name, pct: pct(us) })),
    functions: [...fns.entries()].sort((a, b) => b[1] - a[1]).slice(0, top).map(([name, us]) => ({ name, pct: pct(us) })),
  };
}
