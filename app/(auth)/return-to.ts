/** Only same-site paths are followed after signing in; anything else goes to the dashboard. */
export function safeReturnPath(value: string | string[] | undefined, appUrl: string): string {
  const raw = Array.isArray(value) ? value[0] : value;
  if (!raw) return "/dashboard";
  try {
    const base = new URL(appUrl);
    const url = new URL(raw, base);
    if (url.origin !== base.origin) return "/dashboard";
    const path = `${url.pathname}${url.search}${url.hash}`;
    return path.startsWith("/sign-") || path.startsWith("/api/") ? "/dashboard" : path;
  } catch {
    return "/dashboard";
  }
}

/** What each next-auth or Conveyor sign-in error code means to a person. */
export function signInErrorMessage(code: string | undefined, ssoName: string): string | undefined {
  switch (code) {
    case undefined:
    case "":
      return undefined;
    case "CredentialsSignin":
      return "That email and password do not match. Check them and try again.";
    case "RateLimited":
      return "Too many sign-in attempts. Wait a few minutes, then try again.";
    case "SessionRequired":
      return "Sign in to continue.";
    case "SsoEmailNotVerified":
      return `An account with this email already exists, and ${ssoName} has not confirmed the address. Sign in with your password instead.`;
    case "SsoNoEmail":
      return `${ssoName} did not share an email address, which Conveyor needs. Ask your administrator to release the email claim.`;
    case "AccessDenied":
      return "Access was denied.";
    case "OAuthSignin":
    case "OAuthCallback":
    case "OAuthCreateAccount":
    case "Callback":
      return `Signing in with ${ssoName} did not complete. Try again, or use your email and password.`;
    default:
      return "Signing in failed. Try again.";
  }
}
