/**
 * Child processes of the benchmark: started with tsx, read back over IPC, measured through /proc
 * (peak resident set size, VmHWM), stopped cleanly.
 */
import { spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import readline from "node:readline";
import type { DoneMark, StepMark } from "./recorder";

export const ROOT = path.resolve(__dirname, "..", "..");

export type Child = {
  name: string;
  proc: ChildProcess;
  request<T = Record<string, unknown>>(type: string, extra?: Record<string, unknown>): Promise<T>;
  onDone(listener: (mark: DoneMark) => void): () => void;
  onProgress(listener: (done: number) => void): () => void;
  collect(): Promise<{ steps: StepMark[]; done: DoneMark[] }>;
  /** Peak and current RSS in bytes, from /proc (0 when unavailable). */
  memory(): { peakRss: number; rss: number };
  /** CPU ms used so far. */
  cpuMs(): number;
  stop(): Promise<void>;
};

/** Starts `script` (relative to the repo) under tsx; resolves once it printed a line starting `ready`. */
export async function startChild(name: string, script: string, env: Record<string, string | undefined>, opts: { ipc?: boolean; nodeArgs?: string[]; inheritEnv?: boolean } = {}): Promise<{ child: Child; readyLine: string }> {
  const ipc = opts.ipc ?? true;
  const proc = spawn(process.execPath, [...(opts.nodeArgs ?? []), "--import", "tsx", path.join(ROOT, script)], {
    cwd: ROOT,
    env: { ...(opts.inheritEnv === false ? { PATH: process.env.PATH, HOME: process.env.HOME } : process.env), ...env } as NodeJS.ProcessEnv,
    stdio: ipc ? ["ignore", "pipe", "pipe", "ipc"] : ["ignore", "pipe", "pipe"],
  });
  let nextId = 1;
  const pending = new Map<number, (msg: Record<string, unknown>) => void>();
  const doneListeners = new Set<(mark: DoneMark) => void>();
  const progressListeners = new Set<(done: number) => void>();
  let stderr = "";
  proc.stderr!.on("data", (chunk: Buffer) => {
    stderr = (stderr + chunk.toString()).slice(-4000);
    if (process.env.BENCH_VERBOSE) process.stderr.write(`[${name}] ${chunk}`);
  });
  proc.on("message", (raw) => {
    const msg = raw as { type: string; id?: number } & Record<string, unknown>;
    if (msg.type === "reply" && msg.id !== undefined) {
      pending.get(msg.id)?.(msg);
      pending.delete(msg.id);
    } else if (msg.type === "done") for (const l of doneListeners) l(msg as unknown as DoneMark);
    else if (msg.type === "progress") for (const l of progressListeners) l(msg.done as number);
  });
  const readyLine = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`${name} did not start in 120 s:\n${stderr}`)), 120_000);
    proc.once("exit", (code) => {
      clearTimeout(timer);
      reject(new Error(`${name} exited (${code}) before it was ready:\n${stderr}`));
    });
    readline.createInterface({ input: proc.stdout! }).on("line", (line) => {
      if (process.env.BENCH_VERBOSE) process.stderr.write(`[${name}] ${line}\n`);
      if (line.startsWith("ready") || line.includes("worker started")) {
        clearTimeout(timer);
        resolve(line);
      }
    });
  });
  proc.removeAllListeners("exit");
  const child: Child = {
    name,
    proc,
    request: <T,>(type: string, extra: Record<string, unknown> = {}) =>
      new Promise<T>((resolve) => {
        const id = nextId++;
        pending.set(id, resolve as (msg: Record<string, unknown>) => void);
        proc.send({ ...extra, type, id });
      }),
    onDone(listener) {
      doneListeners.add(listener);
      return () => doneListeners.delete(listener);
    },
    onProgress(listener) {
      progressListeners.add(listener);
      return () => progressListeners.delete(listener);
    },
    collect: () => child.request<{ steps: StepMark[]; done: DoneMark[] }>("collect"),
    memory: () => procMemory(proc.pid),
    cpuMs: () => procCpuMs(proc.pid),
    async stop() {
      if (proc.exitCode !== null || proc.signalCode !== null) return;
      const exited = new Promise((resolve) => proc.once("exit", resolve));
      if (ipc && proc.connected) void child.request("stop").catch(() => {});
      else proc.kill("SIGTERM");
      const timer = setTimeout(() => proc.kill("SIGKILL"), 15_000);
      await exited;
      clearTimeout(timer);
    },
  };
  return { child, readyLine };
}

/** CPU time (user + system) a process used so far, in ms (10 ms resolution: clock ticks). */
export function procCpuMs(pid: number | undefined): number {
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, "utf8");
    // Fields after the command name (which may hold spaces) start after the last ')'.
    const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    return (Number(fields[11]) + Number(fields[12])) * 10;
  } catch {
    return 0;
  }
}

/** VmHWM (peak) and VmRSS of a process, in bytes. */
export function procMemory(pid: number | undefined): { peakRss: number; rss: number } {
  try {
    const status = fs.readFileSync(`/proc/${pid}/status`, "utf8");
    const kb = (key: string) => Number(new RegExp(`^${key}:\\s+(\\d+) kB`, "m").exec(status)?.[1] ?? 0) * 1024;
    return { peakRss: kb("VmHWM"), rss: kb("VmRSS") };
  } catch {
    return { peakRss: 0, rss: 0 };
  }
}
