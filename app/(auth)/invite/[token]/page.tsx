import type { Metadata } from "next";
import Link from "next/link";
import { Alert } from "@/app/_components/ui/alert";
import { getPageAuth } from "@/lib/auth/page-auth";
import { previewInvitation } from "@/lib/workspaces/invitations";
import { AcceptInvitation } from "./accept-invitation";

export const metadata: Metadata = { title: "Invitation" };

const linkClass = "font-medium text-indigo-700 underline-offset-2 hover:underline";

/**
 * Where an invitation link leads: who invited whom to what, then the way in for the visitor's
 * situation (sign in or sign up with the invited email, accept, or switch accounts).
 */
export default async function InvitationPage({ params }: { params: Promise<{ token: string }> }) {
  const { token } = await params;
  const invitation = await previewInvitation(token);
  if (!invitation || invitation.expired) {
    return (
      <>
        <h1 className="text-xl font-semibold text-slate-900">{invitation ? "This invitation has expired" : "This invitation link is not valid"}</h1>
        <p className="mt-2 text-sm text-slate-600">
          {invitation
            ? "Ask the person who invited you for a new link."
            : "It was already used, revoked, or replaced by a newer link. Ask the person who invited you for a new one."}
        </p>
        <p className="mt-6 text-sm">
          <Link href="/dashboard" className={linkClass}>
            Go to Conveyor
          </Link>
        </p>
      </>
    );
  }
  const auth = await getPageAuth();
  const back = encodeURIComponent(`/invite/${token}`);
  const role = invitation.role === "owner" ? "an owner" : "a member";
  return (
    <>
      <h1 className="text-xl font-semibold text-slate-900">Join {invitation.workspaceName}</h1>
      <p className="mt-2 text-sm text-slate-600">
        {invitation.invitedBy ? `${invitation.invitedBy} invited ` : "You are invited: "}
        <strong className="font-medium text-slate-900">{invitation.email}</strong> to join as {role}.
      </p>
      <div className="mt-6">
        {!auth ? (
          <div className="space-y-3 text-sm text-slate-700">
            <p>Sign in with {invitation.email} to accept, or create an account with that address.</p>
            <p className="flex gap-4">
              <Link href={`/sign-in?callbackUrl=${back}`} className={linkClass}>
                Sign in
              </Link>
              <Link href={`/sign-up?callbackUrl=${back}`} className={linkClass}>
                Create an account
              </Link>
            </p>
          </div>
        ) : auth.user.email !== invitation.email ? (
          <Alert tone="warning" title="This invitation is for another account">
            You are signed in as {auth.user.email}. Sign out, then open this link again and sign in as {invitation.email}.
          </Alert>
        ) : (
          <AcceptInvitation token={token} workspaceName={invitation.workspaceName} />
        )}
      </div>
    </>
  );
}
