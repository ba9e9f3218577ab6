import { z } from "zod";
import { normaliseMpProfileUrl, type MpProfile } from "./profile-url";

/**
 * `POST /api/v1/logbook/connect`: exactly one of a Mountain Project profile URL or 8a.nu
 * credentials. Every problem is reported against the field it concerns; messages never quote
 * the values sent (a password must not come back in an error body or a log line).
 */
const KNOWN_FIELDS = ["profile_url", "username", "password"] as const;

export const connectRequestSchema = z
  .looseObject({
    profile_url: z.unknown().optional(),
    username: z.unknown().optional(),
    password: z.unknown().optional(),
  })
  .superRefine((body, ctx) => {
    for (const key of Object.keys(body)) {
      if (!(KNOWN_FIELDS as readonly string[]).includes(key)) {
        ctx.addIssue({ code: "custom", path: [key], message: "Unknown field" });
      }
    }
    const has = (key: (typeof KNOWN_FIELDS)[number]) => body[key] !== undefined;
    const stringField = (key: (typeof KNOWN_FIELDS)[number], max: number) => {
      const value = body[key];
      if (typeof value !== "string") ctx.addIssue({ code: "custom", path: [key], message: "Must be a string" });
      else if (value.trim() === "") ctx.addIssue({ code: "custom", path: [key], message: "Must not be empty" });
      else if (value.length > max) ctx.addIssue({ code: "custom", path: [key], message: `Must be at most ${max} characters` });
    };

    if (has("profile_url")) {
      stringField("profile_url", 500);
      if (typeof body.profile_url === "string" && body.profile_url.trim() !== "" && !normaliseMpProfileUrl(body.profile_url)) {
        ctx.addIssue({
          code: "custom",
          path: ["profile_url"],
          message: "Must be a Mountain Project profile URL such as https://www.mountainproject.com/user/<id>/<name>",
        });
      }
      for (const key of ["username", "password"] as const) {
        if (has(key)) ctx.addIssue({ code: "custom", path: [key], message: "Not allowed with profile_url (Mountain Project needs no sign-in)" });
      }
      return;
    }
    if (!has("username") && !has("password")) {
      ctx.addIssue({
        code: "custom",
        path: ["profile_url"],
        message: "Send either profile_url (Mountain Project) or username and password (8a.nu)",
      });
      return;
    }
    if (has("username")) stringField("username", 200);
    else ctx.addIssue({ code: "custom", path: ["username"], message: "Required with password (8a.nu)" });
    if (has("password")) stringField("password", 1000);
    else ctx.addIssue({ code: "custom", path: ["password"], message: "Required with username (8a.nu)" });
  });

export type ConnectRequest =
  | { kind: "mountain_project"; profile: MpProfile }
  | { kind: "eight_a"; username: string; password: string };

/** Turns a body that passed `connectRequestSchema` into its typed form. */
export function toConnectRequest(body: z.infer<typeof connectRequestSchema>): ConnectRequest {
  if (typeof body.profile_url === "string") {
    const profile = normaliseMpProfileUrl(body.profile_url);
    if (!profile) throw new Error("connect request was not validated");
    return { kind: "mountain_project", profile };
  }
  return { kind: "eight_a", username: String(body.username).trim(), password: String(body.password) };
}
