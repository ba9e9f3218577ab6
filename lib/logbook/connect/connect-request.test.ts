import { describe, expect, it } from "vitest";
import { zodDetails } from "@/lib/http/error-response";
import { connectRequestSchema, toConnectRequest } from "./connect-request";
import { normaliseMpProfileUrl } from "./profile-url";

const SECRET = "hunter2-Secret!";

function problems(body: unknown) {
  const result = connectRequestSchema.safeParse(body);
  if (result.success) return null;
  const details = zodDetails(result.error);
  expect(JSON.stringify(details)).not.toContain(SECRET);
  return details.map((d) => d.path).sort();
}

describe("Mountain Project profile URLs", () => {
  const canonical = "https://www.mountainproject.com/user/200123456/jane-doe";
  it.each([
    "https://www.mountainproject.com/user/200123456/jane-doe",
    "http://www.mountainproject.com/user/200123456/jane-doe",
    "https://mountainproject.com/user/200123456/jane-doe",
    "https://www.mountainproject.com/user/200123456/jane-doe/",
    "https://www.mountainproject.com/user/200123456/jane-doe?tab=ticks#x",
    "https://www.mountainproject.com/user/200123456/jane-doe/ticks",
    "https://www.mountainproject.com/user/200123456/jane-doe/tick-export",
    "  https://WWW.MountainProject.com/user/200123456/Jane-Doe  ",
    "mountainproject.com/user/200123456/jane-doe",
  ])("normalises %s", (url) => {
    expect(normaliseMpProfileUrl(url)?.url).toBe(canonical);
  });

  it.each([
    "https://evil.example/user/1/x",
    "https://www.mountainproject.com.evil.example/user/1/x",
    "https://www.mountainproject.com/route/105717310/the-nose",
    "https://www.mountainproject.com/user/abc/jane",
    "https://www.mountainproject.com/user/1",
    "https://www.mountainproject.com/user/1/x/ticks/more",
    "https://www.mountainproject.com:8443/user/1/x",
    "https://me:pw@www.mountainproject.com/user/1/x",
    "ftp://www.mountainproject.com/user/1/x",
    "javascript:alert(1)",
    "not a url",
  ])("refuses %s", (url) => {
    expect(normaliseMpProfileUrl(url)).toBeNull();
  });
});

describe("connect request", () => {
  it("accepts a Mountain Project URL and normalises it", () => {
    const body = connectRequestSchema.parse({ profile_url: "http://mountainproject.com/user/7/jo/ticks/" });
    expect(toConnectRequest(body)).toEqual({
      kind: "mountain_project",
      profile: { userId: "7", slug: "jo", path: "/user/7/jo", url: "https://www.mountainproject.com/user/7/jo" },
    });
  });

  it("accepts 8a.nu credentials", () => {
    const body = connectRequestSchema.parse({ username: " climber ", password: SECRET });
    expect(toConnectRequest(body)).toEqual({ kind: "eight_a", username: "climber", password: SECRET });
  });

  it.each<[string, unknown, string[]]>([
    ["both kinds", { profile_url: "https://www.mountainproject.com/user/1/x", username: "u", password: SECRET }, ["password", "username"]],
    ["profile_url with a password only", { profile_url: "https://www.mountainproject.com/user/1/x", password: SECRET }, ["password"]],
    ["neither", {}, ["profile_url"]],
    ["a user name without a password", { username: "u" }, ["password"]],
    ["a password without a user name", { password: SECRET }, ["username"]],
    ["empty strings", { username: "", password: "" }, ["password", "username"]],
    ["a blank user name", { username: "   ", password: SECRET }, ["username"]],
    ["an empty profile URL", { profile_url: "" }, ["profile_url"]],
    ["another host", { profile_url: "https://example.com/user/1/x" }, ["profile_url"]],
    ["a number as password", { username: "u", password: 12345 }, ["password"]],
    ["null fields", { username: null, password: null }, ["password", "username"]],
    ["an unknown field", { username: "u", password: SECRET, remember: true }, ["remember"]],
    ["unknown fields only", { user: "u", pass: SECRET }, ["pass", "profile_url", "user"]],
    ["an overlong password", { username: "u", password: "x".repeat(1001) }, ["password"]],
  ])("refuses %s, naming each field", (_name, body, paths) => {
    expect(problems(body)).toEqual(paths);
  });

  it("refuses a body that is not an object", () => {
    expect(connectRequestSchema.safeParse([SECRET]).success).toBe(false);
    expect(connectRequestSchema.safeParse(SECRET).success).toBe(false);
  });
});
