import { randomBytes } from "node:crypto";
import { startStandIn, type RunningStandIn } from "../../testing/http-server";
import type { EightAAscent, EightACategory } from "../types";

/**
 * 8a.nu and Vertical-Life's Keycloak on 127.0.0.1, following the real sign-in: `GET /login` on the
 * site redirects to Keycloak's auth endpoint, which sets its session cookies and serves the HTML
 * login form (`#kc-form-login`, `input#username`, `input#password`, `input#kc-login`); the form
 * posts to `login-actions/authenticate`, which answers a bad password with the same page and an
 * "Invalid username or password." message, and a good one with a redirect back to the site's
 * callback carrying a code; the callback sets the site's session cookie. The ascents API answers
 * only with that cookie, paginated like the real one (`{ascents, totalItems, pageIndex}`).
 */
export type EightAUser = {
  password: string;
  slug: string;
  ascents: Partial<Record<EightACategory, EightAAscent[]>>;
};
export type EightABehaviour = { down?: boolean; malformedPage?: { category: EightACategory; pageIndex: number } };

export type EightAStandIn = {
  site: RunningStandIn;
  auth: RunningStandIn;
  users: Map<string, EightAUser>;
  behaviour: EightABehaviour;
  /** Sessions the site still honours (the pipeline must not need one after its fetch). */
  sessions: Map<string, string>;
  close(): Promise<void>;
};

const REALM = "/auth/realms/clients";

const cookies = (header: string | undefined) =>
  Object.fromEntries((header ?? "").split(/;\s*/).filter(Boolean).map((c) => [c.split("=")[0], c.slice(c.indexOf("=") + 1)]));

const escape = (s: string) => s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/"/g, "&quot;");

function loginPage(action: string, error?: string, username = ""): string {
  return `<!DOCTYPE html>
<html class="login-pf"><head><meta charset="utf-8"><title>Sign in to Vertical-Life</title></head>
<body><div id="kc-content"><div id="kc-content-wrapper">
${error ? `<div class="alert-error pf-m-danger"><span class="kc-feedback-text">${escape(error)}</span></div>` : ""}
<form id="kc-form-login" onsubmit="login.disabled = true; return true;" action="${escape(action)}" method="post">
  <div class="form-group"><label for="username">Username or email</label>
    <input tabindex="1" id="username" name="username" value="${escape(username)}" type="text" autofocus autocomplete="off" aria-invalid="${error ? "true" : "false"}"/>
    ${error ? `<span id="input-error" class="pf-c-form__helper-text pf-m-error required" aria-live="polite">${escape(error)}</span>` : ""}
  </div>
  <div class="form-group"><label for="password">Password</label>
    <input tabindex="2" id="password" name="password" type="password" autocomplete="off"/></div>
  <div id="kc-form-buttons"><input type="hidden" id="id-hidden-input" name="credentialId"/>
    <input tabindex="4" name="login" id="kc-login" type="submit" value="Sign In"/></div>
</form></div></div></body></html>`;
}

export async function startEightAStandIn(users: Record<string, EightAUser> = {}, behaviour: EightABehaviour = {}): Promise<EightAStandIn> {
  const userMap = new Map(Object.entries(users));
  const codes = new Map<string, string>(); // code -> username
  const authSessions = new Map<string, { redirectUri: string; state: string }>();
  const sessions = new Map<string, string>(); // site session -> username

  const auth = await startStandIn((req, body, res) => {
    if (behaviour.down) return void res.writeHead(503).end("Service Unavailable");
    const url = new URL(req.url ?? "/", "http://stand-in");
    if (req.method === "GET" && url.pathname === `${REALM}/protocol/openid-connect/auth`) {
      const id = randomBytes(12).toString("hex");
      authSessions.set(id, { redirectUri: url.searchParams.get("redirect_uri") ?? "", state: url.searchParams.get("state") ?? "" });
      res.writeHead(200, {
        "content-type": "text/html;charset=utf-8",
        "set-cookie": [`AUTH_SESSION_ID=${id}; Path=${REALM}/; HttpOnly`, `KC_RESTART=${randomBytes(8).toString("hex")}; Path=${REALM}/; HttpOnly`],
      });
      res.end(loginPage(`${REALM}/login-actions/authenticate?session_code=${randomBytes(6).toString("hex")}&execution=a1b2&client_id=8a-nu&tab_id=${id.slice(0, 6)}`));
      return;
    }
    if (req.method === "POST" && url.pathname === `${REALM}/login-actions/authenticate`) {
      const session = authSessions.get(cookies(req.headers.cookie).AUTH_SESSION_ID ?? "");
      if (!session) {
        res.writeHead(400, { "content-type": "text/html" });
        return void res.end("<html><body>Cookie not found. Please make sure cookies are enabled in your browser.</body></html>");
      }
      const form = new URLSearchParams(body);
      const username = form.get("username") ?? "";
      const user = userMap.get(username);
      if (!user || user.password !== form.get("password")) {
        res.writeHead(200, { "content-type": "text/html;charset=utf-8" });
        return void res.end(loginPage(url.pathname + url.search, "Invalid username or password.", username));
      }
      const code = randomBytes(16).toString("hex");
      codes.set(code, username);
      const back = new URL(session.redirectUri);
      back.searchParams.set("state", session.state);
      back.searchParams.set("code", code);
      res.writeHead(302, { location: back.toString(), "set-cookie": `KEYCLOAK_IDENTITY=${randomBytes(8).toString("hex")}; Path=${REALM}/; HttpOnly` });
      return void res.end();
    }
    res.writeHead(404).end();
  });

  const site = await startStandIn((req, _body, res) => {
    if (behaviour.down) return void res.writeHead(503, { "content-type": "text/html" }).end("<html><body>503 Service Temporarily Unavailable</body></html>");
    const url = new URL(req.url ?? "/", "http://stand-in");
    const siteUrl = `http://${req.headers.host}`;
    if (url.pathname === "/login") {
      const target = new URL(`${auth.url}${REALM}/protocol/openid-connect/auth`);
      target.searchParams.set("client_id", "8a-nu");
      target.searchParams.set("redirect_uri", `${siteUrl}/callback`);
      target.searchParams.set("state", randomBytes(8).toString("hex"));
      target.searchParams.set("response_type", "code");
      target.searchParams.set("scope", "openid");
      return void res.writeHead(302, { location: target.toString() }).end();
    }
    if (url.pathname === "/callback") {
      const username = codes.get(url.searchParams.get("code") ?? "");
      if (!username) return void res.writeHead(400).end("invalid code");
      codes.delete(url.searchParams.get("code")!);
      const sid = randomBytes(16).toString("hex");
      sessions.set(sid, username);
      return void res.writeHead(302, { location: "/", "set-cookie": `connect.sid=${sid}; Path=/; HttpOnly; SameSite=Lax` }).end();
    }
    if (url.pathname === "/") return void res.writeHead(200, { "content-type": "text/html" }).end("<html><body>8a.nu</body></html>");
    const m = /^\/unificationAPI\/ascent\/v1\/web\/users\/([^/]+)\/ascents$/.exec(url.pathname);
    if (m) {
      const who = sessions.get(cookies(req.headers.cookie)["connect.sid"] ?? "");
      if (!who) return void res.writeHead(401, { "content-type": "application/json" }).end(JSON.stringify({ message: "Unauthorized" }));
      const user = [...userMap.values()].find((u) => u.slug === m[1]);
      if (!user) return void res.writeHead(404, { "content-type": "application/json" }).end(JSON.stringify({ message: "User not found" }));
      const category = url.searchParams.get("category") as EightACategory;
      const pageIndex = Number(url.searchParams.get("pageIndex") ?? 0);
      const pageSize = Number(url.searchParams.get("pageSize") ?? 50);
      if (behaviour.malformedPage && behaviour.malformedPage.category === category && behaviour.malformedPage.pageIndex === pageIndex) {
        return void res.writeHead(200, { "content-type": "application/json" }).end('{"ascents": [{"date": ');
      }
      const all = user.ascents[category] ?? [];
      const ascents = all.slice(pageIndex * pageSize, (pageIndex + 1) * pageSize);
      return void res.writeHead(200, { "content-type": "application/json; charset=utf-8" }).end(JSON.stringify({ ascents, totalItems: all.length, pageIndex }));
    }
    res.writeHead(404).end();
  });

  return {
    site,
    auth,
    users: userMap,
    behaviour,
    sessions,
    close: async () => {
      await site.close();
      await auth.close();
    },
  };
}

/** `n` ascents of one category, newest first, as 8a.nu lists them. */
export function syntheticAscents(n: number, category: EightACategory): EightAAscent[] {
  const sport = ["6a", "6b+", "6c", "7a", "7a+", "7b", "7b+", "7c"];
  const boulder = ["6A", "6B+", "6C", "7A", "7A+", "7B"];
  const types = ["os", "fl", "rp", "rp", "tr", "rp"];
  return Array.from({ length: n }, (_, i) => ({
    ascentId: category === "bouldering" ? 900000 + i : 100000 + i,
    date: new Date(Date.UTC(2024, 5, 1) - i * 86_400_000).toISOString().replace(".000Z", "+00:00"),
    difficulty: (category === "bouldering" ? boulder : sport)[i % (category === "bouldering" ? boulder.length : sport.length)],
    zlaggableName: `Line ${i}`,
    zlaggableSlug: `line-${i}`,
    cragName: "Frankenjura",
    areaName: "Nördliche Frankenjura",
    sectorName: "Krottenseer Turm",
    countryName: "Germany",
    type: types[i % types.length],
    project: i % 11 === 10,
    repeat: i % 13 === 12,
    traditional: category === "sportclimbing" && i % 9 === 8,
    rating: (i % 5) + 1,
    comment: i % 4 === 0 ? `Crux at the "roof" & slab ${i}` : "",
  }));
}
