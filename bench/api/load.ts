/**
 * A closed-loop HTTP load generator: `concurrency` clients over keep-alive sockets, each sending
 * its next request as soon as the last one answered, for `durationMs`. Plain node:http keeps the
 * generator's own CPU small next to the server's (both share the same cores).
 */
import http from "node:http";
import { percentile } from "../engine/stats";

export type LoadResult = {
  concurrency: number;
  requests: number;
  errors: number;
  seconds: number;
  rps: number;
  p50_ms: number | null;
  p90_ms: number | null;
  p99_ms: number | null;
  max_ms: number | null;
};

export type Target = { port: number; path: string; headers: Record<string, string> };

function once(agent: http.Agent, target: Target): Promise<{ ms: number; ok: boolean }> {
  const started = performance.now();
  return new Promise((resolve) => {
    const req = http.request({ host: "127.0.0.1", port: target.port, path: target.path, headers: target.headers, agent }, (res) => {
      res.resume();
      res.on("end", () => resolve({ ms: performance.now() - started, ok: res.statusCode === 200 }));
    });
    req.on("error", () => resolve({ ms: performance.now() - started, ok: false }));
    req.end();
  });
}

const round = (v: number | null) => (v === null ? null : Number(v.toFixed(2)));

export async function closedLoop(target: Target, concurrency: number, durationMs: number): Promise<LoadResult> {
  const agent = new http.Agent({ keepAlive: true, maxSockets: concurrency });
  const latencies: number[] = [];
  let errors = 0;
  const started = performance.now();
  const deadline = started + durationMs;
  async function client() {
    while (performance.now() < deadline) {
      const { ms, ok } = await once(agent, target);
      if (ok) latencies.push(ms);
      else errors++;
    }
  }
  await Promise.all(Array.from({ length: concurrency }, client));
  const seconds = (performance.now() - started) / 1000;
  agent.destroy();
  return {
    concurrency,
    requests: latencies.length,
    errors,
    seconds: Number(seconds.toFixed(2)),
    rps: Math.round(latencies.length / seconds),
    p50_ms: round(percentile(latencies, 50)),
    p90_ms: round(percentile(latencies, 90)),
    p99_ms: round(percentile(latencies, 99)),
    max_ms: round(percentile(latencies, 100)),
  };
}

/** `count` requests sent at once on fresh sockets (the "200 polls at once" of the issue). */
export async function burst(target: Target, count: number): Promise<Omit<LoadResult, "concurrency"> & { count: number }> {
  const agent = new http.Agent({ keepAlive: false, maxSockets: count });
  const started = performance.now();
  const results = await Promise.all(Array.from({ length: count }, () => once(agent, target)));
  const seconds = (performance.now() - started) / 1000;
  agent.destroy();
  const ok = results.filter((r) => r.ok).map((r) => r.ms);
  return {
    count,
    requests: ok.length,
    errors: count - ok.length,
    seconds: Number(seconds.toFixed(2)),
    rps: Math.round(ok.length / seconds),
    p50_ms: round(percentile(ok, 50)),
    p90_ms: round(percentile(ok, 90)),
    p99_ms: round(percentile(ok, 99)),
    max_ms: round(percentile(ok, 100)),
  };
}
