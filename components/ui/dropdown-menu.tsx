"use client";

import {
  cloneElement,
  createContext,
  isValidElement,
  useCallback,
  useContext,
  useId,
  useLayoutEffect,
  useRef,
  useState,
  type ComponentProps,
  type KeyboardEvent,
  type ReactElement,
  type ReactNode,
  type Ref,
  type SyntheticEvent,
} from "react";
import { cn } from "@/components/ui/cn";

// The WAI-ARIA menu button (https://www.w3.org/WAI/ARIA/apg/patterns/menu-button/), written
// here rather than taken from Radix, whose menu (with Popper, floating-ui, focus scopes and
// scroll locks) weighed 19 KB gzipped on every console page: the trigger opens the menu on
// click, Enter, Space or the arrow keys and focuses its first (ArrowUp: last) item; arrows,
// Home, End and typed letters move among the items; Enter or Space chooses one; Escape
// closes it and gives the focus back to the trigger; Tab, a click or the focus going
// elsewhere closes it. Not modal: an ARIA menu does not hide the page.

type Focus = "first" | "last";
interface MenuState {
  open: Focus | null;
  setOpen: (open: Focus | null) => void;
  triggerRef: React.RefObject<HTMLElement | null>;
  triggerId: string;
  contentId: string;
}
const MenuContext = createContext<MenuState | null>(null);

function useMenu(): MenuState {
  const menu = useContext(MenuContext);
  if (!menu) throw new Error("A menu part outside <DropdownMenu>");
  return menu;
}

function setRef<T>(ref: Ref<T> | undefined, value: T | null) {
  if (typeof ref === "function") ref(value);
  else if (ref) ref.current = value;
}

/** Renders `child` with `props` merged in (handlers of both run, the child's first), the way Radix's `asChild` does. */
function merge(child: ReactElement<Record<string, unknown>>, props: Record<string, unknown>, ref?: Ref<HTMLElement>) {
  const own = child.props;
  const merged: Record<string, unknown> = { ...props, ...own };
  if (ref) merged.ref = ref;
  for (const key of Object.keys(props)) {
    const theirs = own[key];
    const ours = props[key];
    if (key.startsWith("on") && typeof ours === "function" && typeof theirs === "function") {
      merged[key] = (event: SyntheticEvent) => {
        theirs(event);
        ours(event);
      };
    }
  }
  merged.className = cn(props.className as string | undefined, own.className as string | undefined);
  return cloneElement(child, merged);
}

export function DropdownMenu({ children }: { children: ReactNode }) {
  const [open, setOpen] = useState<Focus | null>(null);
  const triggerRef = useRef<HTMLElement | null>(null);
  const triggerId = useId();
  const contentId = useId();
  return (
    <MenuContext.Provider value={{ open, setOpen, triggerRef, triggerId, contentId }}>{children}</MenuContext.Provider>
  );
}

export function DropdownMenuTrigger({
  asChild,
  children,
  ref,
  ...props
}: ComponentProps<"button"> & { asChild?: boolean }) {
  const menu = useMenu();
  const own = {
    ...props,
    id: menu.triggerId,
    "aria-haspopup": "menu" as const,
    "aria-expanded": menu.open !== null,
    "aria-controls": menu.open !== null ? menu.contentId : undefined,
    "data-state": menu.open !== null ? "open" : "closed",
    onClick: () => menu.setOpen(menu.open === null ? "first" : null),
    onKeyDown: (event: KeyboardEvent) => {
      if (event.key !== "ArrowDown" && event.key !== "ArrowUp") return;
      event.preventDefault();
      menu.setOpen(event.key === "ArrowUp" ? "last" : "first");
    },
  };
  // Stable, so that React does not set the refs to null and back at every render.
  const { triggerRef } = menu;
  const setRefs = useCallback(
    (node: HTMLElement | null) => {
      triggerRef.current = node;
      setRef(ref as Ref<HTMLElement>, node);
    },
    [triggerRef, ref],
  );
  if (asChild && isValidElement<Record<string, unknown>>(children)) return merge(children, own, setRefs);
  return (
    <button type="button" {...own} ref={setRefs}>
      {children}
    </button>
  );
}

const ITEMS = '[role="menuitem"]:not([aria-disabled="true"])';

export function DropdownMenuContent({
  className,
  align = "start",
  sideOffset = 6,
  children,
}: {
  className?: string;
  align?: "start" | "end";
  sideOffset?: number;
  children: ReactNode;
}) {
  const menu = useMenu();
  const content = useRef<HTMLDivElement>(null);
  const typed = useRef({ text: "", at: 0 });
  const { open, setOpen, triggerRef } = menu;

  // Placed beside the trigger (below it, or above where there is no room below), fixed to the
  // viewport so that a scrolling table does not clip it; placed again as the page scrolls.
  useLayoutEffect(() => {
    const el = content.current;
    const trigger = triggerRef.current;
    if (!open || !el || !trigger) return;
    const place = () => {
      const t = trigger.getBoundingClientRect();
      const { offsetHeight: h, offsetWidth: w } = el;
      const below = t.bottom + sideOffset;
      const top = below + h > window.innerHeight && t.top - sideOffset - h >= 0 ? t.top - sideOffset - h : below;
      const left = align === "end" ? t.right - w : t.left;
      el.style.top = `${top}px`;
      el.style.left = `${Math.max(4, Math.min(left, window.innerWidth - w - 4))}px`;
      el.style.visibility = "visible";
    };
    place();
    const items = el.querySelectorAll<HTMLElement>(ITEMS);
    // A menu with nothing to choose ("You belong to this account only") takes the focus itself, so Escape still closes it.
    ((open === "last" ? items[items.length - 1] : items[0]) ?? el).focus();
    // A press outside the menu and its trigger closes it (the trigger's own click toggles it).
    const onPointerDown = (event: PointerEvent) => {
      const target = event.target as Node;
      if (!el.contains(target) && !trigger.contains(target)) setOpen(null);
    };
    window.addEventListener("scroll", place, true);
    window.addEventListener("resize", place);
    document.addEventListener("pointerdown", onPointerDown, true);
    return () => {
      window.removeEventListener("scroll", place, true);
      window.removeEventListener("resize", place);
      document.removeEventListener("pointerdown", onPointerDown, true);
    };
  }, [open, setOpen, triggerRef, align, sideOffset]);

  if (!open) return null;

  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    const items = [...event.currentTarget.querySelectorAll<HTMLElement>(ITEMS)];
    const at = items.indexOf(document.activeElement as HTMLElement);
    let next: HTMLElement | undefined;
    switch (event.key) {
      case "ArrowDown":
        next = items[Math.min(at + 1, items.length - 1)];
        break;
      case "ArrowUp":
        next = items[Math.max(at - 1, 0)];
        break;
      case "Home":
      case "PageUp":
        next = items[0];
        break;
      case "End":
      case "PageDown":
        next = items[items.length - 1];
        break;
      case "Escape":
        event.preventDefault();
        setOpen(null);
        triggerRef.current?.focus();
        return;
      case "Tab":
        setOpen(null);
        return;
      default: {
        // Typing moves to the next item starting with what was typed (within half a second).
        if (event.key.length !== 1 || event.ctrlKey || event.metaKey || event.altKey) return;
        const now = Date.now();
        const text = (now - typed.current.at < 500 ? typed.current.text : "") + event.key.toLowerCase();
        typed.current = { text, at: now };
        const from = text.length === 1 ? at + 1 : at;
        const ordered = [...items.slice(from), ...items.slice(0, from)];
        next = ordered.find((item) => item.textContent?.trim().toLowerCase().startsWith(text));
        if (event.key === " " && !next) return;
      }
    }
    event.preventDefault();
    next?.focus();
  };

  return (
    <div
      ref={content}
      id={menu.contentId}
      role="menu"
      aria-orientation="vertical"
      aria-labelledby={menu.triggerId}
      tabIndex={-1}
      data-state="open"
      onKeyDown={onKeyDown}
      onBlur={(event) => {
        const to = event.relatedTarget as Node | null;
        if (to && !event.currentTarget.contains(to) && !triggerRef.current?.contains(to)) setOpen(null);
      }}
      style={{ position: "fixed", top: 0, left: 0, visibility: "hidden" }}
      className={cn("z-[70] min-w-52 rounded-lg border border-zinc-200 bg-white p-1 text-sm shadow-lg", className)}
    >
      {children}
    </div>
  );
}

export function DropdownMenuItem({
  asChild,
  disabled,
  onSelect,
  className,
  children,
}: {
  asChild?: boolean;
  disabled?: boolean;
  /** Runs as the item is chosen; the menu then closes and gives the focus back to its trigger. */
  onSelect?: () => void;
  className?: string;
  children: ReactNode;
}) {
  const menu = useMenu();
  const own = {
    role: "menuitem",
    tabIndex: -1,
    "aria-disabled": disabled || undefined,
    "data-disabled": disabled ? "" : undefined,
    className: cn(
      "flex w-full cursor-pointer select-none items-center gap-2 rounded-md px-3 py-2 text-left outline-none",
      "focus:bg-brand-50 focus:text-brand-800 aria-disabled:cursor-default aria-disabled:opacity-50",
      className,
    ),
    // The item under the pointer takes the focus, so the keyboard goes on from where it is.
    onPointerMove: (event: React.PointerEvent<HTMLElement>) => {
      if (!disabled && document.activeElement !== event.currentTarget) event.currentTarget.focus();
    },
    onKeyDown: (event: KeyboardEvent<HTMLElement>) => {
      // A link has no Space of its own; Enter is the element's own click.
      if (event.key === " ") {
        event.preventDefault();
        event.stopPropagation();
        event.currentTarget.click();
      }
    },
    onClick: (event: React.MouseEvent) => {
      if (disabled) {
        event.preventDefault();
        return;
      }
      onSelect?.();
      menu.setOpen(null);
      menu.triggerRef.current?.focus();
    },
  };
  if (asChild && isValidElement<Record<string, unknown>>(children)) return merge(children, own);
  return (
    <button type="button" {...own}>
      {children}
    </button>
  );
}

export function DropdownMenuLabel({ className, ...props }: ComponentProps<"div">) {
  return <div className={cn("px-3 py-2 text-xs text-zinc-500", className)} {...props} />;
}

export function DropdownMenuSeparator({ className }: { className?: string }) {
  return <hr className={cn("my-1 h-px border-0 bg-zinc-200", className)} />;
}
