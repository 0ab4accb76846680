"use client";

import { Toast } from "radix-ui";
import { createContext, useCallback, useContext, useEffect, useState, type ReactNode } from "react";

type Notify = (message: string) => void;
const ToastContext = createContext<Notify>(() => {});

/** Short confirmations ("Invitation resent to ..."), announced politely to screen readers. */
export function Toaster({ children }: { children: ReactNode }) {
  const [toasts, setToasts] = useState<{ id: number; message: string }[]>([]);
  const notify = useCallback<Notify>(
    (message) => setToasts((all) => [...all, { id: Date.now() + Math.random(), message }]),
    [],
  );
  return (
    <ToastContext.Provider value={notify}>
      <Toast.Provider duration={6000} label="Notification">
        {children}
        {toasts.map((t) => (
          <Toast.Root
            key={t.id}
            onOpenChange={(open) => !open && setToasts((all) => all.filter((x) => x.id !== t.id))}
            className="rounded-lg bg-zinc-900 px-4 py-3 text-sm text-white shadow-lg"
          >
            <Toast.Description>{t.message}</Toast.Description>
          </Toast.Root>
        ))}
        <Toast.Viewport className="fixed bottom-4 right-4 z-[60] flex w-96 max-w-[calc(100vw-2rem)] flex-col gap-2 outline-none" />
      </Toast.Provider>
    </ToastContext.Provider>
  );
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
