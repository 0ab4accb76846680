"use client";

import { createContext, useCallback, useContext, useEffect, useRef, useState, type ReactNode } from "react";

type Notify = (message: string) => void;
const ToastContext = createContext<Notify>(() => {});

const DURATION_MS = 6000;

/**
 * Short confirmations ("Invitation resent to ..."), announced politely to screen readers.
 * The live region is on the page from the start (a region added with its text is not
 * reliably read); each message stays six seconds, longer while the pointer is over the
 * messages or the window is in the background. No library: Radix Toast's swipe and focus
 * machinery weighed 12 KB gzipped on every console page.
 */
export function Toaster({ children }: { children: ReactNode }) {
  const [toasts, setToasts] = useState<{ id: number; message: string }[]>([]);
  const notify = useCallback<Notify>(
    (message) => setToasts((all) => [...all, { id: Date.now() + Math.random(), message }]),
    [],
  );
  const dismiss = useCallback((id: number) => setToasts((all) => all.filter((t) => t.id !== id)), []);
  const [hovered, setHovered] = useState(false);
  return (
    <ToastContext.Provider value={notify}>
      {children}
      <section aria-label="Notifications">
        <div
          role="status"
          aria-live="polite"
          onPointerEnter={() => setHovered(true)}
          onPointerLeave={() => setHovered(false)}
          className="fixed bottom-4 right-4 z-[60] flex w-96 max-w-[calc(100vw-2rem)] flex-col gap-2"
        >
          {toasts.map((t) => (
            <Toast key={t.id} id={t.id} paused={hovered} onDismiss={dismiss}>
              {t.message}
            </Toast>
          ))}
        </div>
      </section>
    </ToastContext.Provider>
  );
}

function Toast({
  id,
  paused,
  onDismiss,
  children,
}: {
  id: number;
  paused: boolean;
  onDismiss: (id: number) => void;
  children: ReactNode;
}) {
  // Time left, kept across pauses.
  const remaining = useRef(DURATION_MS);
  useEffect(() => {
    if (paused) return;
    let started = Date.now();
    let timer: number | undefined;
    const run = () => {
      started = Date.now();
      timer = window.setTimeout(() => onDismiss(id), remaining.current);
    };
    const pause = () => {
      window.clearTimeout(timer);
      remaining.current -= Date.now() - started;
    };
    const onVisibility = () => (document.hidden ? pause() : run());
    if (!document.hidden) run();
    document.addEventListener("visibilitychange", onVisibility);
    return () => {
      document.removeEventListener("visibilitychange", onVisibility);
      if (!document.hidden) pause();
    };
  }, [id, paused, onDismiss]);
  return <p className="rounded-lg bg-zinc-900 px-4 py-3 text-sm text-white shadow-lg">{children}</p>;
}

export function useToast(): Notify {
  return useContext(ToastContext);
}

/** Shows a form action's success message as a toast, once per answer. */
export function useToastOnSuccess(state: { ok: boolean; message?: string } | null): void {
  const notify = useToast();
  useEffect(() => {
    if (state?.ok && state.message) notify(state.message);
  }, [state, notify]);
}
