"use client";

import { useFormStatus } from "react-dom";
import { Button, type ButtonVariant } from "@/components/ui/button";

/** A form's submit button that shows its pending state and cannot be clicked twice. */
export function SubmitButton({ children, pendingText, variant, className }: { children: React.ReactNode; pendingText: string; variant?: ButtonVariant; className?: string }) {
  const { pending } = useFormStatus();
  return (
    <Button type="submit" variant={variant} className={className} disabled={pending} aria-disabled={pending}>
      {pending ? pendingText : children}
    </Button>
  );
}
