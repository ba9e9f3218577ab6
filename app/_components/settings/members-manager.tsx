"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";
import { api, errorMessage } from "../api";
import { Alert } from "../ui/alert";
import { ConfirmButton } from "../ui/confirm-button";
import { Card } from "../ui/page-header";
import { DateTime } from "../ui/time";
import { useToast } from "../ui/toast";
import { Button } from "../ui/button";
import { InviteForm } from "./invite-form";
import { InviteLinkPanel } from "./invite-link-panel";
import type { InvitationView, InviteResult, MemberView, Role } from "./types";

type Props = {
  initialMembers: MemberView[];
  initialInvitations: InvitationView[];
  currentUserId: string;
  /** Owners get the controls; members see the lists read-only. */
  canManage: boolean;
};

const ROLE_LABEL: Record<Role, string> = { owner: "Owner", member: "Member" };

/** Members and pending invitations of the workspace: invite, change role, remove, revoke. */
export function MembersManager({ initialMembers, initialInvitations, currentUserId, canManage }: Props) {
  const [members, setMembers] = useState(initialMembers);
  const [invitations, setInvitations] = useState(initialInvitations);
  const [error, setError] = useState<string | null>(null);
  const [pendingRole, setPendingRole] = useState<string | null>(null);
  const [link, setLink] = useState<InviteResult | null>(null);
  const toast = useToast();
  const router = useRouter();

  const changeRole = async (member: MemberView, role: Role) => {
    setError(null);
    setPendingRole(member.user_id);
    try {
      const { member: updated } = await api<{ member: MemberView }>(`/api/v1/members/${encodeURIComponent(member.user_id)}`, { method: "PATCH", json: { role } });
      setMembers((all) => all.map((m) => (m.user_id === updated.user_id ? updated : m)));
      toast({ title: `${member.name || member.email} is now ${updated.role === "owner" ? "an owner" : "a member"}` });
      // Demoting yourself takes the owner controls away: the page must re-render.
      if (member.user_id === currentUserId) router.refresh();
    } catch (e) {
      setError(`Could not change the role of ${member.email}: ${errorMessage(e)}`);
    } finally {
      setPendingRole(null);
    }
  };

  const remove = async (member: MemberView) => {
    await api(`/api/v1/members/${encodeURIComponent(member.user_id)}`, { method: "DELETE" });
    if (member.user_id === currentUserId) {
      router.push("/dashboard");
      router.refresh();
      return;
    }
    setMembers((all) => all.filter((m) => m.user_id !== member.user_id));
    toast({ title: `${member.name || member.email} removed`, description: "Their API keys in this workspace were revoked." });
  };

  const showLink = (result: InviteResult) => {
    setInvitations((all) => [...all.filter((i) => i.id !== result.invitation.id), result.invitation]);
    setLink(result);
  };

  const newLink = async (invitation: InvitationView) => {
    setError(null);
    try {
      showLink(await api<InviteResult>("/api/v1/members", { method: "POST", json: { email: invitation.email, role: invitation.role } }));
    } catch (e) {
      setError(`Could not make a new link for ${invitation.email}: ${errorMessage(e)}`);
    }
  };

  const revokeInvitation = async (invitation: InvitationView) => {
    await api(`/api/v1/invitations/${encodeURIComponent(invitation.id)}`, { method: "DELETE" });
    setInvitations((all) => all.filter((i) => i.id !== invitation.id));
    if (link?.invitation.id === invitation.id) setLink(null);
    toast({ title: `Invitation for ${invitation.email} revoked` });
  };

  return (
    <div className="space-y-6">
      {link ? <InviteLinkPanel email={link.invitation.email} url={link.invite_url} expiresAt={link.invitation.expires_at} onDone={() => setLink(null)} /> : null}
      {canManage ? (
        <Card title="Invite someone" id="invite">
          <InviteForm
            onDone={showLink}
          />
        </Card>
      ) : (
        <Alert tone="info">Only owners can invite people, change roles or remove members. You can leave the workspace yourself.</Alert>
      )}

      <Card title="Members" description={`${members.length} ${members.length === 1 ? "person" : "people"}`} id="members">
        {error ? (
          <Alert tone="error" className="mb-4">
            {error}
          </Alert>
        ) : null}
        <ul className="divide-y divide-slate-100" aria-label="Members">
          {members.map((m) => {
            const self = m.user_id === currentUserId;
            return (
              <li key={m.user_id} className="flex flex-col gap-3 py-3 sm:flex-row sm:items-center" data-testid="member-row">
                <div className="min-w-0 flex-1">
                  <p className="truncate font-medium text-slate-900">
                    {m.name || m.email}
                    {self ? <span className="ml-2 rounded bg-slate-100 px-1.5 py-0.5 text-xs font-medium text-slate-700">You</span> : null}
                  </p>
                  <p className="truncate text-sm text-slate-600">
                    {m.name ? `${m.email} · ` : ""}joined <DateTime value={m.created_at} />
                  </p>
                </div>
                <div className="flex items-center gap-2">
                  {canManage ? (
                    <>
                      <label htmlFor={`role-${m.user_id}`} className="sr-only">
                        Role of {m.email}
                      </label>
                      <select
                        id={`role-${m.user_id}`}
                        value={m.role}
                        disabled={pendingRole === m.user_id}
                        onChange={(e) => void changeRole(m, e.target.value as Role)}
                        className="rounded-md border-0 bg-white py-1.5 pr-8 pl-2 text-sm text-slate-900 ring-1 ring-slate-300 ring-inset focus:ring-2 focus:ring-indigo-600 disabled:bg-slate-100"
                      >
                        <option value="member">Member</option>
                        <option value="owner">Owner</option>
                      </select>
                      <ConfirmButton
                        triggerLabel={self ? "Leave this workspace" : `Remove ${m.email}`}
                        title={self ? "Leave this workspace?" : `Remove ${m.name || m.email}?`}
                        description={
                          self
                            ? "You lose access to its jobs, and the API keys you created here are revoked."
                            : "They lose access to this workspace's jobs, and the API keys they created here are revoked."
                        }
                        confirmLabel={self ? "Leave workspace" : "Remove member"}
                        onConfirm={() => remove(m)}
                      >
                        {self ? "Leave" : "Remove"}
                      </ConfirmButton>
                    </>
                  ) : (
                    <>
                      <span className="rounded-full bg-slate-100 px-2 py-0.5 text-xs font-medium text-slate-700">{ROLE_LABEL[m.role]}</span>
                      {self ? (
                        <ConfirmButton
                          triggerLabel="Leave this workspace"
                          title="Leave this workspace?"
                          description="You lose access to its jobs, and the API keys you created here are revoked. An owner can add you again."
                          confirmLabel="Leave workspace"
                          onConfirm={() => remove(m)}
                        >
                          Leave
                        </ConfirmButton>
                      ) : null}
                    </>
                  )}
                </div>
              </li>
            );
          })}
        </ul>
      </Card>

      <Card title="Pending invitations" id="invitations">
        {invitations.length === 0 ? (
          <p className="text-sm text-slate-600">No pending invitations.</p>
        ) : (
          <ul className="divide-y divide-slate-100" aria-label="Pending invitations">
            {invitations.map((i) => (
              <li key={i.id} className="flex flex-col gap-3 py-3 sm:flex-row sm:items-center" data-testid="invitation-row">
                <div className="min-w-0 flex-1">
                  <p className="truncate font-medium text-slate-900">{i.email}</p>
                  <p className="text-sm text-slate-600">
                    {ROLE_LABEL[i.role]} · invited <DateTime value={i.created_at} />
                    {i.invited_by ? ` by ${i.invited_by.email}` : ""}
                    {i.expires_at ? (
                      <>
                        {" "}
                        · link works until <DateTime value={i.expires_at} />
                      </>
                    ) : null}
                  </p>
                </div>
                {canManage ? (
                  <div className="flex items-center gap-2">
                    <Button size="sm" variant="secondary" onClick={() => void newLink(i)} aria-label={`New invitation link for ${i.email}`}>
                      New link
                    </Button>
                    <ConfirmButton
                      triggerLabel={`Revoke invitation for ${i.email}`}
                      title={`Revoke the invitation for ${i.email}?`}
                      description="Its link stops working; they do not join this workspace."
                      confirmLabel="Revoke invitation"
                      onConfirm={() => revokeInvitation(i)}
                    >
                      Revoke
                    </ConfirmButton>
                  </div>
                ) : null}
              </li>
            ))}
          </ul>
        )}
      </Card>
    </div>
  );
}
