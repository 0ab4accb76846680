"use client";

import { useFormStatus } from "react-dom";
import { Button, type ButtonVariant } from "@/components/ui/button";

/** A form's submit button that shows its pending state and cannot be clicked twice. */
export function SubmitButton({
  children,
  pendingText,
  variant,
  className,
  disabled = false,
  "aria-label": label,
}: {
  children: React.ReactNode;
  pendingText: string;
  variant?: ButtonVariant;
  className?: string;
  disabled?: boolean;
  "aria-label"?: string;
}) {
  const { pending } = useFormStatus();
  return (
    <Button
      type="submit"
      variant={variant}
      className={className}
      disabled={pending || disabled}
      aria-disabled={pending || disabled}
      aria-label={label}
    >
      {pending ? pendingText : children}
    </Button>
  );
}
