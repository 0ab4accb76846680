"use client";

import { useActionState, useEffect, useRef, useState } from "react";
import { Field } from "@/components/forms/field";
import { FormMessage } from "@/components/forms/form-message";
import { NewPasswordFields } from "@/components/forms/new-password-fields";
import { SubmitButton } from "@/components/forms/submit-button";
import { Button } from "@/components/ui/button";
import { useToastOnSuccess } from "@/components/ui/toaster";
import type { OwnKey } from "@/db/queries/api-keys";
import { formatDateTime } from "@/lib/text/format";
import { changePassword, revokeOwnKeys } from "../actions";

/** "Change password": the current one, then the new one twice. Other sessions end; this one stays; the API keys they made are offered for revoking. */
export function ChangePasswordForm({ timeZone }: { timeZone: string }) {
  const [state, formAction] = useActionState(changePassword, null);
  useToastOnSuccess(state);
  const refused = state && !state.ok ? state : null;
  const keys = state?.ok ? (state.data?.apiKeys ?? []) : [];
  return (
    <div className="max-w-xl space-y-4">
      <form action={formAction} className="space-y-4" noValidate>
        {refused ? <FormMessage state={refused} /> : null}
        <Field
          label="Current password"
          name="currentPassword"
          type="password"
          autoComplete="current-password"
          required
          errors={refused?.fieldErrors?.currentPassword}
        />
        <NewPasswordFields labels={["New password", "Confirm new password"]} errors={refused?.fieldErrors} />
        <div className="flex justify-end">
          <SubmitButton pendingText="Changing…">Change password</SubmitButton>
        </div>
      </form>
      {keys.length ? <KeysStillWorking keys={keys} timeZone={timeZone} /> : null}
    </div>
  );
}

/**
 * After a change: the API keys the member made still work; if someone else knew the password,
 * revoke them. Takes the focus when it appears (the form above is done with), and asks once
 * more before revoking, since integrations stop at once.
 */
function KeysStillWorking({ keys, timeZone }: { keys: OwnKey[]; timeZone: string }) {
  const [state, formAction] = useActionState(revokeOwnKeys, null);
  const [confirming, setConfirming] = useState(false);
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => heading.current?.focus(), []);
  if (state?.ok) return <FormMessage state={state} />;
  const one = keys.length === 1;
  return (
    <section
      aria-labelledby="keys-still-working"
      className="space-y-3 rounded-lg border border-amber-300 bg-amber-50 p-4 text-sm"
    >
      <h4 id="keys-still-working" ref={heading} tabIndex={-1} className="font-medium text-amber-900 outline-none">
        {one ? "Your API key still works" : `Your ${keys.length} API keys still work`}
      </h4>
      <p className="text-amber-900">
        Changing your password does not stop {one ? "it" : "them"}. If you changed it because someone else knew it,
        revoke {one ? "the key" : "the keys"} too: integrations that use {one ? "it" : "them"} will need new keys.
      </p>
      <ul className="space-y-1">
        {keys.map((key) => (
          <li key={`${key.accountName}/${key.prefix}`}>
            <span className="font-medium">{key.name}</span> ({key.prefix}…) in {key.accountName},{" "}
            {key.lastUsedAt ? `last used ${formatDateTime(key.lastUsedAt, timeZone)}` : "never used"}
          </li>
        ))}
      </ul>
      {confirming ? (
        <form action={formAction} className="flex flex-wrap items-center gap-3">
          {state && !state.ok ? <FormMessage state={state} /> : null}
          <span className="font-medium text-amber-900">
            {one
              ? "Revoke it? Whatever uses it stops working now."
              : `Revoke all ${keys.length}? Whatever uses them stops working now.`}
          </span>
          <SubmitButton variant="danger" pendingText="Revoking…">
            {one ? "Yes, revoke it" : "Yes, revoke them"}
          </SubmitButton>
          <Button variant="secondary" onClick={() => setConfirming(false)}>
            Cancel
          </Button>
        </form>
      ) : (
        <Button variant="danger" onClick={() => setConfirming(true)}>
          {one ? "Revoke this key" : `Revoke these ${keys.length} keys`}
        </Button>
      )}
    </section>
  );
}
