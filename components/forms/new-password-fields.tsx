import { Field } from "./field";

/** "Password" and its confirmation, with the rules spelled out: reset-password and joining use it. */
export function NewPasswordFields({
  labels,
  errors,
}: {
  labels: [password: string, confirm: string];
  errors?: Record<string, string[]>;
}) {
  return (
    <>
      <Field
        label={labels[0]}
        name="password"
        type="password"
        autoComplete="new-password"
        required
        hint="12 to 128 characters. A passphrase of a few words works well; very common passwords are refused."
        errors={errors?.password}
      />
      <Field
        label={labels[1]}
        name="confirmPassword"
        type="password"
        autoComplete="new-password"
        required
        errors={errors?.confirmPassword}
      />
    </>
  );
}
