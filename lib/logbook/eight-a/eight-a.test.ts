import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { LogbookError } from "../errors";
import { cleanEightAPages } from "./clean-ascents";
import { eightASlug, fetchAscentsPage } from "./fetch-ascents-page";
import { signInToEightA, type EightAConfig } from "./sign-in";
import { startEightAStandIn, syntheticAscents, type EightAStandIn } from "./testing/eight-a-stand-in";

const PASSWORD = "c0rrect-Horse-8a";
let standIn: EightAStandIn;
let config: EightAConfig;

beforeAll(async () => {
  standIn = await startEightAStandIn({
    "Alex Climber": { password: PASSWORD, slug: "alex-climber", ascents: { sportclimbing: syntheticAscents(120, "sportclimbing"), bouldering: syntheticAscents(7, "bouldering") } },
  });
  config = { baseUrl: standIn.site.url, authUrl: standIn.auth.url, timeoutMs: 2000, pageSize: 50 };
});
afterAll(() => standIn.close());

async function failure(work: () => Promise<unknown>): Promise<LogbookError> {
  try {
    await work();
  } catch (error) {
    expect(error).toBeInstanceOf(LogbookError);
    expect((error as Error).message).not.toContain(PASSWORD);
    return error as LogbookError;
  }
  throw new Error("expected a failure");
}

describe("8a.nu over plain HTTP", () => {
  it("signs in through the Keycloak form and walks every page until one is empty", async () => {
    const session = await signInToEightA({ username: "Alex Climber", password: PASSWORD }, config);
    const slug = eightASlug("Alex Climber");
    const pages = [];
    for (let i = 0; ; i++) {
      const page = await fetchAscentsPage(session, slug, "sportclimbing", i, config);
      pages.push(page);
      if (page.ascents.length === 0) break;
    }
    expect(pages.map((p) => p.ascents.length)).toEqual([50, 50, 20, 0]);
    expect(pages[0].totalItems).toBe(120);
    const boulders = await fetchAscentsPage(session, slug, "bouldering", 0, config);
    session.end();
    const ticks = cleanEightAPages([...pages, boulders]);
    expect(ticks).toHaveLength(127);
    expect(new Set(ticks.map((t) => t.key)).size).toBe(127);
    expect(ticks[0]).toMatchObject({ discipline: "sport", style: "onsight", send: true, grade: { system: "french", step: "6a" }, date: "2024-06-01" });
    expect(ticks.find((t) => t.discipline === "boulder")).toMatchObject({ grade: { system: "font", step: "6A" } });
    expect(ticks.some((t) => t.discipline === "trad")).toBe(true);
    expect(ticks.filter((t) => t.style === "toprope").every((t) => !t.send)).toBe(true);
    // The form body reached Keycloak, never a URL: no request line holds the password.
    expect([...standIn.auth.requests, ...standIn.site.requests].join("\n")).not.toContain(PASSWORD);
  });

  it("answers a refused password with AuthenticationError", async () => {
    const error = await failure(() => signInToEightA({ username: "Alex Climber", password: "wrong" }, config));
    expect(error.type).toBe("AuthenticationError");
    const unknown = await failure(() => signInToEightA({ username: "nobody", password: PASSWORD }, config));
    expect(unknown.type).toBe("AuthenticationError");
  });

  it("refuses the ascents API without a session", async () => {
    const session = await signInToEightA({ username: "Alex Climber", password: PASSWORD }, config);
    session.end();
    const error = await failure(() => fetchAscentsPage(session, "alex-climber", "bouldering", 0, config));
    expect(error.type).toBe("DataSourceError");
  });

  it("reports an unknown profile, a malformed page and a site that is down", async () => {
    const session = await signInToEightA({ username: "Alex Climber", password: PASSWORD }, config);
    expect((await failure(() => fetchAscentsPage(session, "someone-else", "bouldering", 0, config))).type).toBe("ProfileNotFoundError");
    standIn.behaviour.malformedPage = { category: "sportclimbing", pageIndex: 1 };
    const malformed = await failure(() => fetchAscentsPage(session, "alex-climber", "sportclimbing", 1, config));
    expect(malformed.type).toBe("DataSourceError");
    expect(malformed.message).toMatch(/page 2/);
    delete standIn.behaviour.malformedPage;
    standIn.behaviour.down = true;
    expect((await failure(() => signInToEightA({ username: "Alex Climber", password: PASSWORD }, config))).type).toBe("DataSourceError");
    standIn.behaviour.down = false;
    const closed = { ...config, baseUrl: "http://127.0.0.1:9" };
    expect((await failure(() => signInToEightA({ username: "Alex Climber", password: PASSWORD }, closed))).message).toMatch(/could not be reached/);
  });

  it("derives profile slugs from user names", () => {
    expect(eightASlug("Adam Ondra")).toBe("adam-ondra");
    expect(eightASlug("  Jörg_Müller ")).toBe("jorg-muller");
  });
});
