"use client";

import { useFormStatus } from "react-dom";
import { Button, type ButtonSize, type ButtonVariant } from "@/components/ui/button";

/** A form's submit button that shows its pending state and cannot be clicked twice. */
export function SubmitButton({
  children,
  pendingText,
  variant,
  size,
  className,
  disabled = false,
  "aria-label": label,
}: {
  children: React.ReactNode;
  pendingText: string;
  variant?: ButtonVariant;
  size?: ButtonSize;
  className?: string;
  disabled?: boolean;
  "aria-label"?: string;
}) {
  const { pending } = useFormStatus();
  return (
    <Button
      type="submit"
      variant={variant}
      size={size}
      className={className}
      disabled={pending || disabled}
      aria-disabled={pending || disabled}
      aria-label={label}
    >
      {pending ? pendingText : children}
    </Button>
  );
}
