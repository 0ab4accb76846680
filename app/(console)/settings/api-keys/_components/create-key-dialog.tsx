"use client";

import { useActionState, useRef, useState } from "react";
import { Field } from "@/components/forms/field";
import { FormMessage } from "@/components/forms/form-message";
import { SubmitButton } from "@/components/forms/submit-button";
import { ScrollRegion } from "@/components/ui/scroll-region";
import { Button } from "@/components/ui/button";
import { Dialog, DialogClose, DialogContent, DialogTrigger, useDialogOpenings } from "@/components/ui/dialog";
import { createKey } from "../actions";

/**
 * "Create API Key": a name, then the secret, shown this once with a Copy button. Closing
 * the dialog forgets it: the server keeps only its hash.
 */
export function CreateKeyDialog() {
  const { open, onOpenChange, opening } = useDialogOpenings();
  return (
    <Dialog open={open} onOpenChange={onOpenChange}>
      <DialogTrigger asChild>
        <Button>Create API Key</Button>
      </DialogTrigger>
      {/* Each opening starts empty, and the last secret is gone. */}
      <CreateKeyForm key={opening} />
    </Dialog>
  );
}

function CreateKeyForm() {
  const [state, formAction] = useActionState(createKey, null);
  if (state?.ok && state.data) return <NewKey {...state.data} />;
  const refused = state && !state.ok ? state : null;
  return (
    <DialogContent
      title="Create API Key"
      description="The key acts as you, with your roles in this account, until you or another Admin revokes it."
    >
      <form action={formAction} className="space-y-4" noValidate>
        {refused ? <FormMessage state={refused} /> : null}
        <Field
          label="Name"
          name="name"
          required
          maxLength={60}
          autoComplete="off"
          hint="What will use it, e.g. “CRM sync”."
          defaultValue={refused?.values?.name as string | undefined}
          errors={refused?.fieldErrors?.name}
        />
        <div className="flex justify-end">
          <SubmitButton pendingText="Creating…">Create Key</SubmitButton>
        </div>
      </form>
    </DialogContent>
  );
}

function NewKey({ name, secret }: { name: string; prefix: string; secret: string }) {
  const [copied, setCopied] = useState(false);
  const field = useRef<HTMLInputElement>(null);
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(secret);
      setCopied(true);
    } catch {
      // No clipboard permission (or not a secure context): select it for Ctrl+C instead.
      field.current?.select();
    }
  };
  return (
    <DialogContent
      title={`API key "${name}" created`}
      description="Copy it now: this is the only time Roster shows it. Store it in your program's secret store."
    >
      <div className="space-y-4 text-sm">
        <div className="flex gap-2">
          <label htmlFor="new-api-key" className="sr-only">
            Your new API key
          </label>
          <input
            ref={field}
            id="new-api-key"
            readOnly
            value={secret}
            onFocus={(e) => e.currentTarget.select()}
            className="h-9 min-w-0 flex-1 rounded-md border border-zinc-300 bg-zinc-50 px-2 font-mono text-xs"
          />
          <Button variant="secondary" onClick={copy}>
            {copied ? "Copied" : "Copy"}
          </Button>
        </div>
        <p role="status" className="text-emerald-800 empty:hidden">
          {copied ? "Copied to the clipboard." : ""}
        </p>
        {/* Rendered only in the browser, after the action answered: window is there. */}
        <ScrollRegion label="Try it with curl" className="overflow-x-auto rounded-md bg-zinc-900">
          <pre className="p-3 text-xs text-zinc-100">
            curl -H &quot;Authorization: Bearer {secret}&quot; {window.location.origin}/api/v1/me
          </pre>
        </ScrollRegion>
        <div className="flex justify-end">
          <DialogClose asChild>
            <Button>Done</Button>
          </DialogClose>
        </div>
      </div>
    </DialogContent>
  );
}
