/** In-process CPU profiling on request (profile.ts): only the measured phase, not start-up. */
import fs from "node:fs";
import { Session } from "node:inspector";

let session: Session | undefined;

const post = <T,>(method: string, params?: object) =>
  new Promise<T>((resolve, reject) => session!.post(method, params ?? {}, (err, res) => (err ? reject(err) : resolve(res as T))));

export async function startProfiling(): Promise<void> {
  session = new Session();
  session.connect();
  await post("Profiler.enable");
  await post("Profiler.setSamplingInterval", { interval: 200 });
  await post("Profiler.start");
}

export async function stopProfiling(file: string): Promise<void> {
  if (!session) return;
  const { profile } = await post<{ profile: unknown }>("Profiler.stop");
  fs.writeFileSync(file, JSON.stringify(profile));
  session.disconnect();
  session = undefined;
}

/** Handles `profile-start` / `profile-stop` IPC requests; returns true when it took the message. */
export function handleProfilerMessage(msg: { type: string; id: number; file?: string }): boolean {
  if (msg.type === "profile-start") {
    void startProfiling().then(() => process.send?.({ type: "reply", id: msg.id }));
    return true;
  }
  if (msg.type === "profile-stop") {
    void stopProfiling(msg.file!).then(() => process.send?.({ type: "reply", id: msg.id }));
    return true;
  }
  return false;
}
