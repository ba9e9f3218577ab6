/**
 * Helpers for tests of any area: users with a workspace, role, session cookie and API key, and
 * requests that carry them. Import in test files only; it pins the auth secret for the process.
 */
import { encode } from "next-auth/jwt";
import { db } from "@/lib/db";
import { workspaceSlug } from "@/lib/auth/workspace-slug";
import { generateApiKey, hashApiKey, visiblePrefix } from "./api-key-format";
import { sessionCookieNames, WORKSPACE_COOKIE } from "./cookies";
import { hashPassword } from "./password";
import { setAuthSecret } from "./secret";
import type { AuthContext, Role } from "./types";

export const TEST_AUTH_SECRET = "conveyor-test-secret-0123456789abcdefghijklmnop";
setAuthSecret(TEST_AUTH_SECRET);

let counter = 0;

/** A next-auth session token for `userId`, as the sign-in callback would mint it. */
export async function sessionToken(userId: string, maxAgeSeconds = 3600): Promise<string> {
  return encode({ token: { sub: userId }, secret: TEST_AUTH_SECRET, maxAge: maxAgeSeconds });
}

/** A Cookie header value signing in `userId`, acting in `workspaceId` when given. */
export async function sessionCookieFor(userId: string, workspaceId?: string): Promise<string> {
  const parts = [`${sessionCookieNames()[0]}=${await sessionToken(userId)}`];
  if (workspaceId) parts.push(`${WORKSPACE_COOKIE}=${workspaceId}`);
  return parts.join("; ");
}

export type TestUser = {
  user: { id: string; email: string; name: string | null };
  workspace: { id: string; name: string; slug: string };
  role: Role;
  /** Cookie header value: a session acting in `workspace`. */
  cookie: string;
  /** A live API key of this user in `workspace`. */
  apiKey: string;
  apiKeyId: string;
  /** The plain password, when one was asked for. */
  password?: string;
  auth: AuthContext;
};

export type CreateTestUserOptions = {
  /** Role in the workspace (default owner). */
  role?: Role;
  /** Join this workspace instead of getting a new one. */
  workspace?: { id: string };
  email?: string;
  name?: string;
  /** Store an argon2 hash of this password (slow: only when the test signs in). */
  password?: string;
  isOperator?: boolean;
};

/**
 * A user in a workspace with the given role. Without `workspace`, a new one is made; a member of
 * a new workspace gets a separate owner so the workspace is never ownerless.
 */
export async function createTestUser(options: CreateTestUserOptions = {}): Promise<TestUser> {
  const prisma = await db();
  const n = ++counter;
  const role = options.role ?? "owner";
  const email = (options.email ?? `user${n}-${process.pid}-${Date.now()}@example.test`).toLowerCase();
  const user = await prisma.user.create({
    data: {
      email,
      name: options.name ?? `Test User ${n}`,
      isOperator: options.isOperator ?? false,
      passwordHash: options.password ? await hashPassword(options.password) : null,
    },
    select: { id: true, email: true, name: true },
  });
  let workspaceId = options.workspace?.id;
  if (!workspaceId) {
    const name = `Workspace ${n}`;
    const created = await prisma.workspace.create({ data: { name, slug: workspaceSlug(name) } });
    workspaceId = created.id;
    if (role === "member") {
      const owner = await prisma.user.create({ data: { email: `owner-of-${email}` } });
      await prisma.membership.create({ data: { workspaceId, userId: owner.id, role: "owner" } });
    }
  }
  await prisma.membership.create({ data: { workspaceId, userId: user.id, role } });
  const workspace = await prisma.workspace.findUniqueOrThrow({ where: { id: workspaceId }, select: { id: true, name: true, slug: true } });
  const apiKey = generateApiKey();
  const key = await prisma.apiKey.create({
    data: { workspaceId, createdById: user.id, name: "test key", prefix: visiblePrefix(apiKey), hash: hashApiKey(apiKey) },
  });
  return {
    user,
    workspace,
    role,
    cookie: await sessionCookieFor(user.id, workspaceId),
    apiKey,
    apiKeyId: key.id,
    password: options.password,
    auth: { user: { ...user, isOperator: options.isOperator ?? false }, workspace, role, via: "session" },
  };
}

type RequestOptions = {
  method?: string;
  /** Serialised as JSON unless a string. */
  body?: unknown;
  headers?: Record<string, string>;
  /** Authenticate as this user: by session cookie (default) or API key. */
  as?: TestUser;
  via?: "session" | "api_key";
};

/** A real Request to `path` on a test origin, authenticated as `as` when given. */
export function apiRequest(path: string, options: RequestOptions = {}): Request {
  const headers: Record<string, string> = { ...options.headers };
  if (options.as) {
    if (options.via === "api_key") headers["x-api-key"] = options.as.apiKey;
    else headers.cookie = [options.as.cookie, headers.cookie].filter(Boolean).join("; ");
  }
  let body: string | undefined;
  if (options.body !== undefined) {
    body = typeof options.body === "string" ? options.body : JSON.stringify(options.body);
    headers["content-type"] ??= "application/json";
  }
  return new Request(`http://localhost${path}`, { method: options.method ?? (body ? "POST" : "GET"), headers, body });
}

/** The second argument Next passes to a dynamic route handler. */
export function routeParams<T extends Record<string, string | string[]>>(params: T): { params: Promise<T> } {
  return { params: Promise.resolve(params) };
}
