import { ZxcvbnFactory } from "@zxcvbn-ts/core";
import * as common from "@zxcvbn-ts/language-common";
import * as en from "@zxcvbn-ts/language-en";
import { getEnv } from "@/lib/env";

/**
 * Library: @zxcvbn-ts (maintained TypeScript port of Dropbox's zxcvbn; one small dependency; no
 * known advisories), see lib/auth/README.md. The least score a password must reach is
 * `PASSWORD_MIN_SCORE` (3 by default: "safely unguessable", about 10^10 guesses).
 */
let factory: ZxcvbnFactory | undefined;

/** The dictionaries are large: loaded on the first check, not at import. */
function estimator(): ZxcvbnFactory {
  factory ??= new ZxcvbnFactory({
    dictionary: { ...common.dictionary, ...en.dictionary },
    graphs: common.adjacencyGraphs,
    translations: en.translations,
    // Server-side, the estimate is a DoS surface (dropbox/zxcvbn#327: crafted passwords cost
    // seconds). Sign-up allows 128 characters; 64 are estimated (the rest only adds strength)
    // and l33t substitutions are capped, which keeps a crafted 128-character password to about
    // a tenth of a second (1.8 s with the library's defaults) while p@ssw0rd is still caught.
    maxLength: 64,
    l33tMaxSubstitutions: 10,
  });
  return factory;
}

/**
 * Why a password is not good enough for this account, in words for the person choosing it, or
 * null. The account's own email, its local part and the name count as known words (an attacker
 * tries them first), and a password that is one of them is refused outright.
 */
export function passwordProblem(password: string, account: { email: string; name?: string | null }): string | null {
  const email = account.email.trim().toLowerCase();
  const local = email.split("@")[0] ?? "";
  const personal = [email, local, account.name?.trim().toLowerCase() ?? ""].filter((v) => v.length > 0);
  const lowered = password.trim().toLowerCase();
  if (personal.includes(lowered)) return "Password cannot be your email address or name";
  const result = estimator().check(password, [...personal, "conveyor"]);
  if (result.score >= getEnv().PASSWORD_MIN_SCORE) return null;
  const hint = result.feedback.warning ?? result.feedback.suggestions[0] ?? null;
  return `Password is too easy to guess${hint ? `: ${hint.replace(/\.$/, "")}` : ""}. Use a longer passphrase of unrelated words`;
}
