import { describe, expect, it } from "vitest";
import { normalizeEvents } from "./normalize";
import { resolveEventMeta } from "./sessions";

describe("event sessions, resolved at intake as Inngest does", () => {
  it("merges inherited sessions under the manual ones, manual winning", () => {
    expect(resolveEventMeta({ sessions: { org: "override" }, propagated_sessions: { org: "acme", team: "core" } })).toEqual({
      sessions: { org: "override", team: "core" },
    });
  });

  it("null removes one inherited session, or all of them", () => {
    expect(resolveEventMeta({ sessions: { team: null }, propagated_sessions: { org: "acme", team: "core" } })).toEqual({ sessions: { org: "acme" } });
    expect(resolveEventMeta({ sessions: null, propagated_sessions: { org: "acme" } })).toBeUndefined();
  });

  it("keeps at most 5, inherited keys filling in key order; numbers become strings", () => {
    const propagated = Object.fromEntries(["f", "e", "d", "c", "b", "a"].map((k) => [k, k]));
    expect(resolveEventMeta({ sessions: { z: 1 }, propagated_sessions: propagated })).toEqual({ sessions: { z: "1", a: "a", b: "b", c: "c", d: "d" } });
  });

  it("refuses malformed sessions with a 400 naming the event", () => {
    expect(() => normalizeEvents({ name: "a/b", meta: { sessions: { x: { y: 1 } } } }, 0)).toThrow(/event: event session "x"/);
    expect(() => normalizeEvents({ name: "a/b", meta: { sessions: { x: true } } }, 0)).toThrow(/must be a string/);
  });

  it("stores the effective sessions and never propagated_sessions", () => {
    const [e] = normalizeEvents({ name: "a/b", meta: { propagated_sessions: { org: "acme" } } }, 0);
    expect(e.payload.meta).toEqual({ sessions: { org: "acme" } });
    const [plain] = normalizeEvents({ name: "a/b" }, 0);
    expect(plain.payload).not.toHaveProperty("meta");
  });
});
