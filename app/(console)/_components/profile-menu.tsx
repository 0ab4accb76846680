"use client";

import Link from "next/link";
import { useRef } from "react";
import {
  DropdownMenu,
  DropdownMenuContent,
  DropdownMenuItem,
  DropdownMenuLabel,
  DropdownMenuSeparator,
  DropdownMenuTrigger,
} from "@/components/ui/dropdown-menu";
import { Avatar } from "@/components/avatar";
import { logout } from "../actions";

/**
 * The user profile drop-down, as the specification lists it. "Settings" shows only to
 * members whose roles let them see it (the layout decides).
 */
export function ProfileMenu({
  fullName,
  email,
  avatarUrl,
  showSettings = false,
}: {
  fullName: string;
  email: string;
  avatarUrl: string | null;
  showSettings?: boolean;
}) {
  // The menu unmounts its items as it closes, so an item cannot be the form's submit button.
  const logoutForm = useRef<HTMLFormElement>(null);
  return (
    <>
      <form ref={logoutForm} action={logout} hidden />
      <DropdownMenu>
        <DropdownMenuTrigger
          aria-label={`User profile: ${fullName}`}
          className="flex items-center gap-2 rounded-full p-1 pr-3 text-sm hover:bg-zinc-100"
        >
          <Avatar fullName={fullName} url={avatarUrl} />
          <span className="hidden sm:inline">{fullName}</span>
        </DropdownMenuTrigger>
        <DropdownMenuContent align="end">
          <DropdownMenuLabel>
            <span className="block font-medium text-zinc-900">{fullName}</span>
            <span className="block">{email}</span>
          </DropdownMenuLabel>
          <DropdownMenuSeparator />
          <DropdownMenuItem asChild>
            <Link href="/profile">My Profile</Link>
          </DropdownMenuItem>
          <DropdownMenuItem asChild>
            <Link href="/support">Support</Link>
          </DropdownMenuItem>
          <DropdownMenuItem asChild>
            <Link href="/integrations">Integrations Directory</Link>
          </DropdownMenuItem>
          {showSettings ? (
            <DropdownMenuItem asChild>
              <Link href="/settings">Settings</Link>
            </DropdownMenuItem>
          ) : null}
          <DropdownMenuItem onSelect={() => logoutForm.current?.requestSubmit()}>Logout</DropdownMenuItem>
        </DropdownMenuContent>
      </DropdownMenu>
    </>
  );
}
