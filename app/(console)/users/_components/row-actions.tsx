"use client";

import { startTransition, useActionState, useEffect } from "react";
import { DropdownMenu, DropdownMenuContent, DropdownMenuItem, DropdownMenuTrigger } from "@/components/ui/dropdown-menu";
import { useToast } from "@/components/ui/toaster";
import { resendInvitation } from "../actions";

/** The row menu ("Actions for NAME"). Further actions join it with the member lifecycle. */
export function RowActions({ member }: { member: { id: string; fullName: string; status: string; version: number } }) {
  const [state, formAction, pending] = useActionState(resendInvitation, null);
  const notify = useToast();
  useEffect(() => {
    if (state?.message) notify(state.message);
  }, [state, notify]);
  if (member.status !== "invited") return null;
  const resend = () => {
    const data = new FormData();
    data.set("membershipId", member.id);
    data.set("version", String(member.version));
    startTransition(() => formAction(data));
  };
  return (
    <DropdownMenu>
      <DropdownMenuTrigger aria-label={`Actions for ${member.fullName}`} className="rounded-md p-1.5 text-zinc-600 hover:bg-zinc-100">
        <svg aria-hidden viewBox="0 0 20 20" className="size-5" fill="currentColor">
          <path d="M10 3a1.5 1.5 0 1 1 0 3 1.5 1.5 0 0 1 0-3ZM10 8.5a1.5 1.5 0 1 1 0 3 1.5 1.5 0 0 1 0-3ZM11.5 15.5a1.5 1.5 0 1 0-3 0 1.5 1.5 0 0 0 3 0Z" />
        </svg>
      </DropdownMenuTrigger>
      <DropdownMenuContent align="end">
        <DropdownMenuItem disabled={pending} onSelect={resend}>
          Resend invitation
        </DropdownMenuItem>
      </DropdownMenuContent>
    </DropdownMenu>
  );
}
