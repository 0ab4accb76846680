"use client";

import Link from "next/link";
import { startTransition, useActionState, useEffect, useRef, useState } from "react";
import { Dialog, DialogReturnFocus } from "@/components/ui/dialog";
import {
  DropdownMenu,
  DropdownMenuContent,
  DropdownMenuItem,
  DropdownMenuTrigger,
} from "@/components/ui/dropdown-menu";
import { useToast } from "@/components/ui/toaster";
import { useHydrated } from "@/components/ui/use-hydrated";
import type { MemberRow } from "@/db/queries/members/row";
import { resendInvitation, restoreAccess } from "../actions";
import { DeleteDialogContent, type KeyImpact } from "./delete-dialog";
import { EditDialogContent, type EditableMember } from "./edit-dialog";
import { RevokeDialogContent } from "./revoke-dialog";
import type { RoleOption } from "@/components/forms/role-checkbox";

/** An action state's message as a toast, once per new state. */
function useToastOf(state: { message?: string } | null) {
  const notify = useToast();
  useEffect(() => {
    if (state?.message) notify(state.message);
  }, [state, notify]);
}

function post(action: (data: FormData) => void, fields: Record<string, string>) {
  const data = new FormData();
  for (const [k, v] of Object.entries(fields)) data.set(k, v);
  startTransition(() => action(data));
}

interface RowActionsProps {
  member: Pick<MemberRow, "id" | "fullName" | "state" | "version"> & EditableMember;
  /** What deleting this member breaks. */
  keys: KeyImpact[];
  self: boolean;
  accountName: string;
  roleOptions: RoleOption[];
  accessTillRange: { min: string; max: string };
}

/**
 * The row menu ("Actions for NAME"). The server sends only its button: a menu, dialog
 * and action states for every row are measurable server time on every Users page (npm run bench).
 * The browser mounts the menu as soon as it has hydrated the page, before the button could
 * do anything anyway.
 */
export function RowActions(props: RowActionsProps) {
  const hydrated = useHydrated();
  // Members act on themselves only through their profile.
  if (props.self) return null;
  const button = (
    <button
      type="button"
      aria-label={`Actions for ${props.member.fullName}`}
      aria-haspopup="menu"
      className="rounded-md p-1.5 text-zinc-600 hover:bg-zinc-100"
    >
      <svg aria-hidden viewBox="0 0 20 20" className="size-5" fill="currentColor">
        <path d="M10 3a1.5 1.5 0 1 1 0 3 1.5 1.5 0 0 1 0-3ZM10 8.5a1.5 1.5 0 1 1 0 3 1.5 1.5 0 0 1 0-3ZM11.5 15.5a1.5 1.5 0 1 0-3 0 1.5 1.5 0 0 0 3 0Z" />
      </svg>
    </button>
  );
  return hydrated ? <RowMenu {...props} button={button} /> : button;
}

/** What can be done to this member in their state. */
function RowMenu({
  member,
  accountName,
  roleOptions,
  accessTillRange,
  keys,
  button,
}: RowActionsProps & { button: React.ReactElement }) {
  const [resendState, resend, resending] = useActionState(resendInvitation, null);
  const [restoreState, restore, restoring] = useActionState(restoreAccess, null);
  // Which dialog the menu opened; the menu closes as it opens one.
  const [dialog, setDialog] = useState<"edit" | "revoke" | "delete" | null>(null);
  const notify = useToast();
  useToastOf(resendState);
  useToastOf(restoreState);

  const done = (message: string) => {
    setDialog(null);
    notify(message);
  };

  // A dialog opened from the menu gives the focus back to the menu's button; after a delete,
  // whose row is about to go, to the table around it.
  const trigger = useRef<HTMLButtonElement>(null);
  const table = useRef<HTMLElement | null>(null);
  const deleted = useRef(false);
  const returnFocus = () => (deleted.current || !trigger.current?.isConnected ? table.current : trigger.current);
  const open = (which: "edit" | "revoke" | "delete") => {
    table.current = trigger.current?.closest<HTMLElement>("section[tabindex]") ?? null;
    setDialog(which);
  };

  return (
    <>
      <DropdownMenu>
        <DropdownMenuTrigger asChild ref={trigger}>
          {button}
        </DropdownMenuTrigger>
        <DropdownMenuContent align="end">
          <DropdownMenuItem onSelect={() => open("edit")}>Edit</DropdownMenuItem>
          <DropdownMenuItem asChild>
            <Link href={`/users/${member.id}`}>View Details</Link>
          </DropdownMenuItem>
          {member.state === "invited" ? (
            <DropdownMenuItem
              disabled={resending}
              onSelect={() => post(resend, { membershipId: member.id, version: String(member.version) })}
            >
              Resend invitation
            </DropdownMenuItem>
          ) : null}
          {member.state === "active" ? (
            <DropdownMenuItem onSelect={() => open("revoke")}>Revoke Access</DropdownMenuItem>
          ) : null}
          {member.state === "revoked" ? (
            <DropdownMenuItem disabled={restoring} onSelect={() => post(restore, { membershipId: member.id })}>
              Restore Access
            </DropdownMenuItem>
          ) : null}
          <DropdownMenuItem className="text-red-700" onSelect={() => open("delete")}>
            Delete
          </DropdownMenuItem>
        </DropdownMenuContent>
      </DropdownMenu>
      <DialogReturnFocus value={returnFocus}>
        <Dialog open={dialog !== null} onOpenChange={(isOpen) => !isOpen && setDialog(null)}>
          {dialog === "revoke" ? <RevokeDialogContent member={member} accountName={accountName} onDone={done} /> : null}
          {dialog === "delete" ? (
            <DeleteDialogContent
              member={member}
              accountName={accountName}
              keys={keys}
              onRevokeInstead={member.state === "active" ? () => setDialog("revoke") : undefined}
              onDone={(message) => {
                deleted.current = true;
                done(message);
              }}
            />
          ) : null}
          {dialog === "edit" ? (
            <EditDialogContent member={member} options={roleOptions} accessTillRange={accessTillRange} onDone={done} />
          ) : null}
        </Dialog>
      </DialogReturnFocus>
    </>
  );
}
