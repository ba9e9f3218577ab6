/**
 * Who a request comes from, as far as the limits need to know (an AuthContext fits): the user,
 * their workspace and the API key used, if any. Structural, so rate-limit sits below auth.
 */
export type RateCaller = { user: { id: string }; workspace: { id: string }; apiKeyId?: string | null };
