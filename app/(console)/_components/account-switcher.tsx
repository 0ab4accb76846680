"use client";

import { startTransition, useActionState } from "react";
import {
  DropdownMenu,
  DropdownMenuContent,
  DropdownMenuItem,
  DropdownMenuLabel,
  DropdownMenuTrigger,
} from "@/components/ui/dropdown-menu";
import { switchAccount } from "../actions";

/** Shows the current account; members of several accounts switch here. */
export function AccountSwitcher({
  current,
  accounts,
}: {
  current: { id: string; name: string };
  accounts: { id: string; name: string }[];
}) {
  const [state, formAction] = useActionState(switchAccount, null);
  const others = accounts.filter((a) => a.id !== current.id);
  const switchTo = (accountId: string) => {
    const data = new FormData();
    data.set("accountId", accountId);
    startTransition(() => formAction(data));
  };
  return (
    <div className="flex items-center gap-2">
      <DropdownMenu>
        <DropdownMenuTrigger
          aria-label={`Account: ${current.name}. Switch account`}
          className="flex items-center gap-2 rounded-md border border-zinc-200 bg-white px-3 py-1.5 text-sm font-medium hover:bg-zinc-50"
        >
          {current.name}
          <svg aria-hidden viewBox="0 0 20 20" className="size-4 text-zinc-500" fill="currentColor">
            <path d="M5.23 7.21a.75.75 0 0 1 1.06.02L10 11.17l3.71-3.94a.75.75 0 1 1 1.08 1.04l-4.25 4.5a.75.75 0 0 1-1.08 0l-4.25-4.5a.75.75 0 0 1 .02-1.06Z" />
          </svg>
        </DropdownMenuTrigger>
        <DropdownMenuContent align="start">
          <DropdownMenuLabel>{others.length ? "Switch to" : "You belong to this account only"}</DropdownMenuLabel>
          {others.map((account) => (
            <DropdownMenuItem key={account.id} onSelect={() => switchTo(account.id)}>
              {account.name}
            </DropdownMenuItem>
          ))}
        </DropdownMenuContent>
      </DropdownMenu>
      {state && !state.ok ? (
        <p role="alert" className="text-sm text-red-700">
          {state.message}
        </p>
      ) : null}
    </div>
  );
}
