"use client";

import { useActionState } from "react";
import { FormMessage } from "@/components/forms/form-message";
import { SubmitButton } from "@/components/forms/submit-button";
import { useToastOnSuccess } from "@/components/ui/toaster";
import { signOutOtherSessions, signOutSession } from "../actions";

/** "Sign out" for one of the member's other sessions. */
export function SignOutSessionButton({ sessionId, device }: { sessionId: string; device: string }) {
  const [state, formAction] = useActionState(signOutSession, null);
  useToastOnSuccess(state);
  return (
    <form action={formAction}>
      <input type="hidden" name="sessionId" value={sessionId} />
      {state && !state.ok ? <FormMessage state={state} /> : null}
      <SubmitButton variant="secondary" size="sm" pendingText="Signing out…" aria-label={`Sign out ${device}`}>
        Sign out
      </SubmitButton>
    </form>
  );
}

/** "Sign out everywhere else": every session but this one. */
export function SignOutOthersButton({ disabled }: { disabled: boolean }) {
  const [state, formAction] = useActionState(signOutOtherSessions, null);
  useToastOnSuccess(state);
  return (
    <form action={formAction}>
      {state && !state.ok ? <FormMessage state={state} /> : null}
      <SubmitButton variant="secondary" pendingText="Signing out…" disabled={disabled}>
        Sign out everywhere else
      </SubmitButton>
    </form>
  );
}
