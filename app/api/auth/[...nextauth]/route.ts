// GET|POST /api/auth/* – next-auth: sign-in (credentials, OIDC), callbacks, session, sign-out
import { handleNextAuth } from "@/lib/auth/next-auth/handler";

export const GET = handleNextAuth;
export const POST = handleNextAuth;
