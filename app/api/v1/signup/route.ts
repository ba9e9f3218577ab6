// POST /api/v1/signup – create an account with email and password, and its personal workspace
import { signUpOperation } from "@/lib/auth/operations";
import { signUp } from "@/lib/auth/sign-up";
import { apiRoute } from "@/lib/api";
import { json } from "@/lib/http";

export const POST = apiRoute(signUpOperation, async ({ body }) => {
  const { user, workspace } = await signUp(body);
  return json(
    {
      user: { id: user.id, email: user.email, name: user.name, created_at: user.createdAt.toISOString() },
      workspace: { id: workspace.id, name: workspace.name, slug: workspace.slug },
    },
    201,
  );
});
