"use client";

import {
  cloneElement,
  createContext,
  isValidElement,
  useContext,
  useId,
  useLayoutEffect,
  useRef,
  useState,
  type KeyboardEvent,
  type MouseEvent,
  type ReactElement,
  type ReactNode,
} from "react";
import { createPortal } from "react-dom";
import { cn } from "@/components/ui/cn";

// The browser's own modal <dialog> (showModal) rather than Radix Dialog, whose focus scope,
// scroll lock and aria-hidden machinery weighed 12 KB gzipped on every page with a dialog.
// The browser makes the rest of the page inert (focus cannot leave the dialog, nor can a
// screen reader's cursor), closes it on Escape and shows the backdrop; this file focuses the
// first field as it opens, closes it on a press outside, and gives the focus back to where
// it was (or where DialogReturnFocus says) as it closes. The page does not scroll behind an
// open dialog (globals.css).

interface DialogState {
  open: boolean;
  onOpenChange: (open: boolean) => void;
}
const DialogContext = createContext<DialogState>({ open: false, onOpenChange: () => {} });

export function Dialog({
  open,
  onOpenChange,
  children,
}: {
  open: boolean;
  onOpenChange: (open: boolean) => void;
  children: ReactNode;
}) {
  return <DialogContext.Provider value={{ open, onOpenChange }}>{children}</DialogContext.Provider>;
}

/** Its child (a button) opens the dialog. */
export function DialogTrigger({ children }: { asChild: true; children: ReactElement<{ onClick?: unknown }> }) {
  const { onOpenChange } = useContext(DialogContext);
  return withClick(children, () => onOpenChange(true));
}

/** Its child (a button) closes the dialog. */
export function DialogClose({ children }: { asChild: true; children: ReactElement<{ onClick?: unknown }> }) {
  const { onOpenChange } = useContext(DialogContext);
  return withClick(children, () => onOpenChange(false));
}

function withClick(child: ReactElement<{ onClick?: unknown }>, run: () => void) {
  if (!isValidElement(child)) return child;
  const own = child.props.onClick;
  return cloneElement(child, {
    onClick: (event: MouseEvent) => {
      if (typeof own === "function") own(event);
      if (!event.defaultPrevented) run();
    },
  });
}

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
 * trigger (a row's menu): the element to focus, or null for where the focus was before.
 */
export const DialogReturnFocus = createContext<(() => HTMLElement | null) | null>(null);

const FIELDS =
  'input:not([type="hidden"]):not([disabled]), select:not([disabled]), textarea:not([disabled]), button:not([disabled]), a[href], [tabindex]:not([tabindex="-1"])';

/** A titled, described modal dialog with a close button. */
export function DialogContent({
  title,
  description,
  children,
  className,
}: {
  title: string;
  description?: ReactNode;
  children: ReactNode;
  className?: string;
}) {
  const { open, onOpenChange } = useContext(DialogContext);
  const returnFocus = useContext(DialogReturnFocus);
  const dialog = useRef<HTMLDialogElement>(null);
  const titleId = useId();
  const descriptionId = useId();
  // The latest callbacks, for the effect that runs once per opening.
  const latest = useRef({ onOpenChange, returnFocus });
  const pressedOnBackdrop = useRef(false);
  latest.current = { onOpenChange, returnFocus };

  useLayoutEffect(() => {
    const el = dialog.current;
    if (!open || !el) return;
    const before = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    el.showModal();
    // The first field, not the close button at the end.
    const first = [...el.querySelectorAll<HTMLElement>(FIELDS)].find((f) => f.getClientRects().length > 0);
    (first ?? el).focus();
    // Escape: the browser closes the dialog (after a cancel event, which not every press gets).
    const onClose = () => latest.current.onOpenChange(false);
    el.addEventListener("close", onClose);
    return () => {
      el.removeEventListener("close", onClose);
      if (el.open) el.close();
      // Once React has finished this commit: refs it detaches and attaches again on the way
      // (a trigger's) hold their element again by then.
      queueMicrotask(() => {
        // Another dialog took its place (Delete's "Revoke Access instead"): the focus stays there.
        if (document.activeElement?.closest("dialog[open]")) return;
        const target = latest.current.returnFocus?.() ?? before;
        if (target?.isConnected) target.focus();
      });
    };
  }, [open]);

  if (!open) return null;

  // A press on the backdrop (the dialog element itself, outside its box) closes it; one that
  // began inside (selecting text, then letting go beyond the edge) does not.
  const onBackdrop = (event: MouseEvent<HTMLDialogElement>) => {
    if (event.target !== event.currentTarget) return false;
    const box = event.currentTarget.getBoundingClientRect();
    return !(
      event.clientX >= box.left &&
      event.clientX <= box.right &&
      event.clientY >= box.top &&
      event.clientY <= box.bottom
    );
  };
  const onMouseDown = (event: MouseEvent<HTMLDialogElement>) => {
    pressedOnBackdrop.current = onBackdrop(event);
  };
  const onClick = (event: MouseEvent<HTMLDialogElement>) => {
    if (pressedOnBackdrop.current && onBackdrop(event)) onOpenChange(false);
    pressedOnBackdrop.current = false;
  };
  // Tab from the last control comes back to the first, and Shift+Tab from the first to the
  // last, rather than leaving for the browser's own controls.
  const onKeyDown = (event: KeyboardEvent<HTMLDialogElement>) => {
    if (event.key !== "Tab") return;
    const fields = [...event.currentTarget.querySelectorAll<HTMLElement>(FIELDS)].filter(
      (f) => f.getClientRects().length > 0,
    );
    if (fields.length === 0) return;
    const [first, last] = [fields[0], fields[fields.length - 1]];
    const at = document.activeElement;
    if (event.shiftKey && (at === first || at === event.currentTarget)) {
      event.preventDefault();
      last.focus();
    } else if (!event.shiftKey && at === last) {
      event.preventDefault();
      first.focus();
    }
  };

  // In the page's body, not where it was opened (a right-aligned table cell): nothing of its
  // opener's layout or styles reaches it.
  return createPortal(
    <dialog
      ref={dialog}
      aria-labelledby={titleId}
      aria-describedby={description ? descriptionId : undefined}
      onMouseDown={onMouseDown}
      onClick={onClick}
      onKeyDown={onKeyDown}
      className={cn(
        "m-auto max-h-[90vh] w-[min(36rem,calc(100vw-2rem))] overflow-y-auto rounded-xl bg-white p-6 text-left text-zinc-900 shadow-xl backdrop:bg-zinc-900/40",
        className,
      )}
    >
      <h2 id={titleId} className="pr-8 text-lg font-semibold">
        {title}
      </h2>
      {description ? (
        <p id={descriptionId} className="mt-1 text-sm text-zinc-600">
          {description}
        </p>
      ) : null}
      <div className="mt-4">{children}</div>
      <button
        type="button"
        onClick={() => onOpenChange(false)}
        className="absolute right-4 top-4 rounded-md p-1 text-zinc-500 hover:bg-zinc-100"
        aria-label="Close"
      >
        <svg aria-hidden viewBox="0 0 20 20" className="size-5" fill="currentColor">
          <path d="M6.28 5.22a.75.75 0 0 0-1.06 1.06L8.94 10l-3.72 3.72a.75.75 0 1 0 1.06 1.06L10 11.06l3.72 3.72a.75.75 0 1 0 1.06-1.06L11.06 10l3.72-3.72a.75.75 0 0 0-1.06-1.06L10 8.94 6.28 5.22Z" />
        </svg>
      </button>
    </dialog>,
    document.body,
  );
}
