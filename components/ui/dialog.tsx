"use client";

import { Dialog as D } from "radix-ui";
import { createContext, useContext, useState, type ComponentProps, type ReactNode } from "react";
import { cn } from "@/components/ui/cn";

// Radix traps focus inside, closes on Escape and returns focus to the trigger.
export const Dialog = D.Root;
export const DialogTrigger = D.Trigger;
export const DialogClose = D.Close;

/**
 * For a dialog whose form starts afresh each time it opens: key the form by `opening`, and
 * a refused attempt, or a secret shown once, is gone when the dialog is closed and reopened.
 */
export function useDialogOpenings() {
  const [open, setOpen] = useState(false);
  const [opening, setOpening] = useState(0);
  const onOpenChange = (next: boolean) => {
    if (next) setOpening((n) => n + 1);
    setOpen(next);
  };
  return { open, onOpenChange, close: () => setOpen(false), opening };
}

/**
 * Where focus goes when a dialog closes, for a dialog opened from somewhere that is not its
 * trigger (a row's menu): the element to focus, or null to leave it to Radix.
 */
export const DialogReturnFocus = createContext<(() => HTMLElement | null) | null>(null);

/** A titled, described modal dialog with a close button. */
export function DialogContent({
  title,
  description,
  children,
  className,
  ...props
}: ComponentProps<typeof D.Content> & { title: string; description?: ReactNode }) {
  const returnFocus = useContext(DialogReturnFocus);
  const onCloseAutoFocus = (event: Event) => {
    const target = returnFocus?.();
    if (!target) return;
    event.preventDefault();
    target.focus();
  };
  return (
    <D.Portal>
      <D.Overlay className="fixed inset-0 z-40 bg-zinc-900/40" />
      <D.Content
        className={cn(
          "fixed left-1/2 top-1/2 z-50 max-h-[90vh] w-[min(36rem,calc(100vw-2rem))] -translate-x-1/2 -translate-y-1/2 overflow-y-auto rounded-xl bg-white p-6 shadow-xl",
          className,
        )}
        {...(description ? {} : { "aria-describedby": undefined })}
        onCloseAutoFocus={returnFocus ? onCloseAutoFocus : undefined}
        {...props}
      >
        <D.Title className="text-lg font-semibold">{title}</D.Title>
        {description ? <D.Description className="mt-1 text-sm text-zinc-600">{description}</D.Description> : null}
        <div className="mt-4">{children}</div>
        <D.Close className="absolute right-4 top-4 rounded-md p-1 text-zinc-500 hover:bg-zinc-100" aria-label="Close">
          <svg aria-hidden viewBox="0 0 20 20" className="size-5" fill="currentColor">
            <path d="M6.28 5.22a.75.75 0 0 0-1.06 1.06L8.94 10l-3.72 3.72a.75.75 0 1 0 1.06 1.06L10 11.06l3.72 3.72a.75.75 0 1 0 1.06-1.06L11.06 10l3.72-3.72a.75.75 0 0 0-1.06-1.06L10 8.94 6.28 5.22Z" />
          </svg>
        </D.Close>
      </D.Content>
    </D.Portal>
  );
}
