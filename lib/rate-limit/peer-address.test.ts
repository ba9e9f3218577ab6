import http from "node:http";
import type { AddressInfo } from "node:net";
import { afterEach, describe, expect, it } from "vitest";
import { installPeerAddressHook, PEER_HEADER, peerAddressHookInstalled, uninstallPeerAddressHook } from "./peer-address";

afterEach(() => uninstallPeerAddressHook());

/** A real server (created before the hook, as Next's is) that reports the headers it got. */
async function serve(): Promise<{ url: string; close: () => Promise<void> }> {
  const server = http.createServer((req, res) => res.end(JSON.stringify(req.headers)));
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return { url: `http://127.0.0.1:${port}/`, close: () => new Promise((resolve) => server.close(() => resolve())) };
}

describe("the peer address hook", () => {
  it("stamps every request with the socket's address, overwriting what a client sent", async () => {
    const server = await serve();
    try {
      installPeerAddressHook();
      installPeerAddressHook();
      expect(peerAddressHookInstalled()).toBe(true);
      const res = await fetch(server.url, { headers: { [PEER_HEADER]: "6.6.6.6", "x-forwarded-for": "7.7.7.7" } });
      const seen = await res.json();
      expect(seen[PEER_HEADER]).toMatch(/^(::ffff:)?127\.0\.0\.1$/);
      expect(seen["x-forwarded-for"]).toBe("7.7.7.7");
    } finally {
      await server.close();
    }
  });

  it("leaves requests alone once uninstalled", async () => {
    installPeerAddressHook();
    uninstallPeerAddressHook();
    expect(peerAddressHookInstalled()).toBe(false);
    const server = await serve();
    try {
      const seen = await (await fetch(server.url, { headers: { [PEER_HEADER]: "6.6.6.6" } })).json();
      expect(seen[PEER_HEADER]).toBe("6.6.6.6");
    } finally {
      await server.close();
    }
  });
});
