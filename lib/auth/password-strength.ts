import { ZxcvbnFactory } from "@zxcvbn-ts/core";
import * as common from "@zxcvbn-ts/language-common";
import * as en from "@zxcvbn-ts/language-en";

/**
 * zxcvbn's score 3 ("safely unguessable: moderate protection from an offline slow-hash attack",
 * about 10^10 guesses) is the least a password must reach. Library: @zxcvbn-ts (maintained
 * TypeScript port of Dropbox's zxcvbn; one small dependency; no known CVEs), see lib/auth/README.md.
 */
export const MIN_SCORE = 3;

let factory: ZxcvbnFactory | undefined;

/** The dictionaries are large: loaded on the first check, not at import. */
function estimator(): ZxcvbnFactory {
  factory ??= new ZxcvbnFactory({
    dictionary: { ...common.dictionary, ...en.dictionary },
    graphs: common.adjacencyGraphs,
    translations: en.translations,
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
  if (result.score >= MIN_SCORE) return null;
  const hint = result.feedback.warning ?? result.feedback.suggestions[0] ?? null;
  return `Password is too easy to guess${hint ? `: ${hint.replace(/\.$/, "")}` : ""}. Use a longer passphrase of unrelated words`;
}
