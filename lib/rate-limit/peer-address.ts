import http from "node:http";
import https from "node:https";

/**
 * The header carrying the TCP peer's address into route handlers. Always overwritten from the
 * socket by the hook below, so a client cannot choose it.
 */
export const PEER_HEADER = "x-conveyor-peer";

const KEY = Symbol.for("conveyor.peer-address-hook");
type Emit = http.Server["emit"];
type Holder = { [KEY]?: { restore: () => void } };

function stamp(req: http.IncomingMessage): void {
  const address = req.socket?.remoteAddress;
  if (address) req.headers[PEER_HEADER] = address;
  else delete req.headers[PEER_HEADER];
}

/**
 * Route handlers under `next start` get no socket, and Next fills X-Forwarded-For from the socket
 * only when the client sent none (`??=` in next/dist/server/base-server.js), so without this a
 * client picks its own "address" and walks around per-IP limits. Every HTTP server in the process
 * stamps each request with its peer address before Next sees it. Called from instrumentation.ts
 * (it runs before Next handles the first request); idempotent.
 */
export function installPeerAddressHook(): void {
  const g = globalThis as Holder;
  if (g[KEY]) return;
  const servers = [http.Server.prototype, https.Server.prototype] as { emit: Emit }[];
  const originals = servers.map((proto) => Object.getOwnPropertyDescriptor(proto, "emit"));
  for (const proto of servers) {
    const inherited = proto.emit;
    proto.emit = function emit(this: http.Server, event: string | symbol, ...args: unknown[]) {
      if (event === "request") stamp(args[0] as http.IncomingMessage);
      return (inherited as (...a: unknown[]) => boolean).apply(this, [event, ...args]);
    } as Emit;
  }
  g[KEY] = {
    restore() {
      servers.forEach((proto, i) => {
        const original = originals[i];
        if (original) Object.defineProperty(proto, "emit", original);
        else delete (proto as { emit?: Emit }).emit;
      });
    },
  };
}

/** Whether this process stamps requests, i.e. whether PEER_HEADER can be believed. */
export function peerAddressHookInstalled(): boolean {
  return Boolean((globalThis as Holder)[KEY]);
}

/** Tests only. */
export function uninstallPeerAddressHook(): void {
  const g = globalThis as Holder;
  g[KEY]?.restore();
  delete g[KEY];
}
