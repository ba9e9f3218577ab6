import type { Metadata } from "next";
import { MembersManager } from "@/app/_components/settings/members-manager";
import { PageHeader } from "@/app/_components/ui/page-header";
import { requirePageAuth } from "@/lib/auth/page-auth";
import { can } from "@/lib/auth/permissions";
import { invitationJson, listInvitations } from "@/lib/workspaces/invitations";
import { listMembers, memberJson } from "@/lib/workspaces/members";

export const metadata: Metadata = { title: "Members" };

export default async function MembersPage() {
  const auth = await requirePageAuth("/settings/members");
  const [members, invitations] = await Promise.all([listMembers(auth), listInvitations(auth)]);
  return (
    <>
      <PageHeader title="Members" description={`People who can use ${auth.workspace.name}.`} />
      <MembersManager
        initialMembers={members.map(memberJson)}
        initialInvitations={invitations.map(invitationJson)}
        currentUserId={auth.user.id}
        canManage={can(auth, "members.manage")}
      />
    </>
  );
}
