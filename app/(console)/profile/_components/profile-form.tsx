"use client";

import { useActionState, useEffect, useRef, useState } from "react";
import { Avatar } from "@/components/avatar";
import { Field } from "@/components/forms/field";
import { FormMessage } from "@/components/forms/form-message";
import { SubmitButton } from "@/components/forms/submit-button";
import { Button } from "@/components/ui/button";
import { Input } from "@/components/ui/input";
import { useToast } from "@/components/ui/toaster";
import { saveProfile } from "../actions";

const MAX_BYTES = 5 * 1024 * 1024;
const TYPES = ["image/png", "image/jpeg", "image/webp"];

export interface ProfileValues {
  fullName: string;
  email: string;
  timezone: string;
  avatarUrl: string | null;
}

/** "Image", "Full Name", "Timezone", the address read-only, and "Save Changes". */
export function ProfileForm({ profile, zones }: { profile: ProfileValues; zones: { id: string; offset: string }[] }) {
  const [state, formAction] = useActionState(saveProfile, null);
  const notify = useToast();
  const fileInput = useRef<HTMLInputElement>(null);
  const [preview, setPreview] = useState<string | null>(null);
  const [remove, setRemove] = useState(false);
  const [fileError, setFileError] = useState<string | null>(null);
  const refused = state && !state.ok ? state : null;
  const values = refused?.values as Record<string, string | undefined> | undefined;

  useEffect(() => {
    if (!state?.ok) return;
    notify(state.message ?? "Profile saved");
    setPreview(null);
    setRemove(false);
  }, [state, notify]);
  // The preview is a blob: URL of the chosen file; let it go when it is replaced.
  useEffect(() => () => void (preview && URL.revokeObjectURL(preview)), [preview]);

  // Checked here too, so a large or wrong file is refused at once, not after uploading 5 MB.
  const onFile = (file: File | undefined) => {
    setFileError(null);
    setPreview(null);
    if (!file) return;
    const problem =
      file.size > MAX_BYTES
        ? "The image is larger than 5 MB. Choose a smaller one."
        : !TYPES.includes(file.type)
          ? "Choose a PNG, JPEG or WebP image."
          : null;
    if (problem) {
      setFileError(problem);
      if (fileInput.current) fileInput.current.value = "";
      return;
    }
    setRemove(false);
    setPreview(URL.createObjectURL(file));
  };

  const shown = remove ? null : (preview ?? profile.avatarUrl);
  const imageErrors = [...(fileError ? [fileError] : []), ...(refused?.fieldErrors?.image ?? [])];
  const zone = zones.find((z) => z.id === (values?.timezone ?? profile.timezone));
  return (
    <form action={formAction} className="max-w-xl space-y-5" noValidate>
      {refused ? <FormMessage state={refused} /> : null}
      <fieldset className="space-y-2">
        <legend className="text-sm font-medium text-zinc-800">Image</legend>
        <div className="flex items-center gap-4">
          <Avatar fullName={profile.fullName} url={shown} size="lg" />
          <div className="space-y-2">
            <label htmlFor="field-image" className="sr-only">
              Image
            </label>
            <input
              ref={fileInput}
              id="field-image"
              name="image"
              type="file"
              accept={TYPES.join(",")}
              aria-describedby="image-hint image-error"
              aria-invalid={imageErrors.length ? true : undefined}
              onChange={(e) => onFile(e.currentTarget.files?.[0])}
              className="block text-sm file:mr-3 file:rounded-md file:border file:border-zinc-300 file:bg-white file:px-3 file:py-1.5 file:text-sm file:font-medium hover:file:bg-zinc-50"
            />
            {profile.avatarUrl || preview ? (
              <Button
                variant="ghost-danger"
                size="sm"
                aria-pressed={remove}
                onClick={() => {
                  setRemove(true);
                  setPreview(null);
                  if (fileInput.current) fileInput.current.value = "";
                }}
              >
                Remove image
              </Button>
            ) : null}
            {remove ? <input type="hidden" name="removeImage" value="on" /> : null}
          </div>
        </div>
        <p id="image-hint" className="text-xs text-zinc-500">
          PNG, JPEG or WebP, up to 5 MB. It is cropped to a square and shown to the members of your accounts.
          {remove ? " It will be removed when you save." : ""}
        </p>
        <p id="image-error" aria-live="polite" className="text-sm text-red-700 empty:hidden">
          {imageErrors.join(" ")}
        </p>
      </fieldset>
      <Field
        label="Full Name"
        name="fullName"
        required
        maxLength={120}
        autoComplete="name"
        defaultValue={values?.fullName ?? profile.fullName}
        errors={refused?.fieldErrors?.fullName}
      />
      <Field
        label="Timezone"
        name="timezone"
        required
        list="timezones"
        autoComplete="off"
        spellCheck={false}
        defaultValue={values?.timezone ?? profile.timezone}
        hint={`Type to search, e.g. "Kolkata" or "London". Every time in Roster is shown in this zone${zone ? ` (now ${zone.offset})` : ""}.`}
        errors={refused?.fieldErrors?.timezone}
      />
      <datalist id="timezones">
        {zones.map((z) => (
          <option key={z.id} value={z.id}>
            {z.offset}
          </option>
        ))}
      </datalist>
      {/* No name: shown, never sent (the action takes no address). */}
      <div className="space-y-1.5">
        <label htmlFor="profile-email" className="block text-sm font-medium text-zinc-800">
          Email
        </label>
        <Input id="profile-email" type="email" readOnly value={profile.email} aria-describedby="profile-email-hint" />
        <p id="profile-email-hint" className="text-xs text-zinc-500">
          Your sign-in address; it cannot be changed here.
        </p>
      </div>
      <div className="flex justify-end">
        <SubmitButton pendingText="Saving…">Save Changes</SubmitButton>
      </div>
    </form>
  );
}
