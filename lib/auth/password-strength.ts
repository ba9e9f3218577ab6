import { ZxcvbnFactory } from "@zxcvbn-ts/core";
import * as common from "@zxcvbn-ts/language-common";
import * as english from "@zxcvbn-ts/language-en";
import { getEnv } from "@/lib/env";

// Built once: the dictionaries are large and the factory is pure.
let factory: ZxcvbnFactory | undefined;
function estimator(): ZxcvbnFactory {
  factory ??= new ZxcvbnFactory({
    dictionary: { ...common.dictionary, ...english.dictionary },
    graphs: common.adjacencyGraphs,
    translations: english.translations,
    // Server-side, the estimate is a DoS surface (dropbox/zxcvbn#327: crafted passwords cost
    // seconds). Sign-up allows 128 characters; 64 are estimated (the rest only adds strength)
    // and l33t substitutions are capped, which keeps a crafted 128-character password to about
    // a tenth of a second while p@ssw0rd and friends are still caught.
    maxLength: 64,
    l33tMaxSubstitutions: 10,
  });
  return factory;
}

const normalise = (value: string) => value.trim().toLowerCase();

/**
 * Why a new password is refused, in words for the person choosing it, or null when it is fine.
 * Length is the schema's job; this adds "not the email" (nor its local part, in any case) and
 * zxcvbn's guessability estimate, which knows common passwords, names, keyboard walks, repeats
 * and l33t, and is told the email so that passwords built from it score low.
 */
export function passwordWeakness(password: string, email?: string): string | null {
  const candidate = normalise(password);
  if (candidate === "") return "Password cannot be only spaces";
  const emailText = email ? normalise(email) : "";
  const localPart = emailText.split("@")[0] ?? "";
  if (emailText && (candidate === emailText || candidate === localPart)) return "Password cannot be your email address";
  const result = estimator().check(password, emailText ? [emailText, localPart] : []);
  if (result.score >= getEnv().PASSWORD_MIN_SCORE) return null;
  const why = result.feedback.warning ?? "It would be guessed quickly.";
  const suggestion = result.feedback.suggestions[0] ?? "Add more words that are less common.";
  return `Password is too easy to guess. ${why.replace(/\.?$/, ".")} ${suggestion}`;
}
