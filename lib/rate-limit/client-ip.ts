import { isIP } from "node:net";
import { getEnv } from "@/lib/env";
import { PEER_HEADER, peerAddressHookInstalled } from "./peer-address";

type HeaderSource = Headers | Record<string, string | string[] | undefined>;

function header(headers: HeaderSource, name: string): string | undefined {
  if (headers instanceof Headers) return headers.get(name) ?? undefined;
  const value = headers[name] ?? headers[name.toLowerCase()];
  return Array.isArray(value) ? value.join(",") : value;
}

function normalise(entry: string | undefined): string | undefined {
  if (!entry) return undefined;
  let ip = entry.trim();
  // "[::1]:443" and "1.2.3.4:567" carry a port; "::ffff:1.2.3.4" is IPv4 in IPv6 clothing.
  const bracketed = /^\[([^\]]+)\](?::\d+)?$/.exec(ip);
  if (bracketed) ip = bracketed[1];
  else if (/^[\d.]+:\d+$/.test(ip)) ip = ip.slice(0, ip.lastIndexOf(":"));
  if (ip.toLowerCase().startsWith("::ffff:") && isIP(ip.slice(7)) === 4) ip = ip.slice(7);
  return isIP(ip) ? ip.toLowerCase() : undefined;
}

/**
 * The caller's IP for rate limits and logs. The address chain is X-Forwarded-For plus, last, the
 * TCP peer (stamped by peer-address.ts; a client cannot set it). With TRUST_PROXY=n (n proxies
 * of ours in front, each appending the address it saw), the client is the entry n places left
 * of the peer; everything further left was written by the client and is ignored. With
 * TRUST_PROXY=0 the client is the peer itself, whatever X-Forwarded-For says.
 *
 * Where the hook is not installed (`next dev`, unit tests that build Requests by hand), the
 * right-most X-Forwarded-For entry stands in for the peer: Next sets it from the socket when the
 * client sent no header of its own, but a client that sends one chooses it.
 */
export function clientIp(headers: HeaderSource): string {
  const chain = (header(headers, "x-forwarded-for") ?? "")
    .split(",")
    .map((s) => s.trim())
    .filter(Boolean);
  const peer = peerAddressHookInstalled() ? header(headers, PEER_HEADER) : undefined;
  if (peer) chain.push(peer);
  const hops = getEnv().TRUST_PROXY;
  const picked = chain[Math.max(0, chain.length - 1 - hops)];
  // X-Real-IP is a proxy's alternative to X-Forwarded-For; from anyone else it is a forgery.
  return normalise(picked) ?? (hops > 0 ? normalise(header(headers, "x-real-ip")) : undefined) ?? "unknown";
}
