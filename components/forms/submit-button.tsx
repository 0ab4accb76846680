"use client";

import { useFormStatus } from "react-dom";
import { Button, type ButtonSize, type ButtonVariant } from "@/components/ui/button";
import { cn } from "@/components/ui/cn";

/** A form's submit button that shows its pending state and cannot be sent twice. */
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
      className={cn(className, pending && "cursor-progress opacity-70")}
      // While the form is sent the button stays focusable (a disabled one would drop the
      // focus to the page's body); a second click, or Enter in a field, does nothing.
      disabled={disabled}
      aria-disabled={pending || disabled}
      onClick={(event) => {
        if (pending) event.preventDefault();
      }}
      aria-label={label}
    >
      {pending ? pendingText : children}
    </Button>
  );
}
