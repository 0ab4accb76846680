"use client";

import { useActionState, useEffect } from "react";
import { Field } from "@/components/forms/field";
import { FormMessage } from "@/components/forms/form-message";
import { NewPasswordFields } from "@/components/forms/new-password-fields";
import { SubmitButton } from "@/components/forms/submit-button";
import { useToast } from "@/components/ui/toaster";
import type { OwnKey } from "@/db/queries/api-keys";
import { formatDateTime } from "@/lib/format";
import { changePassword, revokeOwnKeys } from "../actions";

/** "Change password": the current one, then the new one twice. Other sessions end; this one stays; the API keys they made are offered for revoking. */
export function ChangePasswordForm({ timeZone }: { timeZone: string }) {
  const [state, formAction] = useActionState(changePassword, null);
  const notify = useToast();
  useEffect(() => {
    if (state?.ok && state.message) notify(state.message);
    // notify is stable; the state change is what matters.
  }, [state]);
  const refused = state && !state.ok ? state : null;
  const keys = state?.ok ? (state.data?.apiKeys ?? []) : [];
  return (
    <div className="max-w-xl space-y-4">
      <form action={formAction} className="space-y-4" noValidate>
        {refused ? <FormMessage state={refused} /> : null}
        <Field label="Current password" name="currentPassword" type="password" autoComplete="current-password" required errors={refused?.fieldErrors?.currentPassword} />
        <NewPasswordFields labels={["New password", "Confirm new password"]} errors={refused?.fieldErrors} />
        <div className="flex justify-end">
          <SubmitButton pendingText="Changing…">Change password</SubmitButton>
        </div>
      </form>
      {keys.length ? <KeysStillWorking keys={keys} timeZone={timeZone} /> : null}
    </div>
  );
}

/** After a change: the API keys the member made still work; if someone else knew the password, revoke them. */
function KeysStillWorking({ keys, timeZone }: { keys: OwnKey[]; timeZone: string }) {
  const [state, formAction] = useActionState(revokeOwnKeys, null);
  if (state?.ok) return <FormMessage state={state} />;
  return (
    <section aria-labelledby="keys-still-working" className="space-y-3 rounded-lg border border-amber-300 bg-amber-50 p-4 text-sm">
      <h4 id="keys-still-working" className="font-medium text-amber-900">
        {keys.length === 1 ? "Your API key still works" : `Your ${keys.length} API keys still work`}
      </h4>
      <p className="text-amber-900">Changing your password does not stop them. If you changed it because someone else knew it, revoke them too: integrations that use them will need new keys.</p>
      <ul className="space-y-1">
        {keys.map((key) => (
          <li key={`${key.accountName}/${key.prefix}`}>
            <span className="font-medium">{key.name}</span> ({key.prefix}…) in {key.accountName}, {key.lastUsedAt ? `last used ${formatDateTime(key.lastUsedAt, timeZone)}` : "never used"}
          </li>
        ))}
      </ul>
      <form action={formAction}>
        {state && !state.ok ? <FormMessage state={state} /> : null}
        <SubmitButton variant="danger" pendingText="Revoking…">
          {keys.length === 1 ? "Revoke this key" : `Revoke these ${keys.length} keys`}
        </SubmitButton>
      </form>
    </section>
  );
}
