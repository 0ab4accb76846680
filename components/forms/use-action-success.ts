"use client";

import { useEffect, useEffectEvent } from "react";

/**
 * Calls `onSuccess` once for each successful answer of a form action. The callback is read at the
 * time of the answer, so a parent may pass a fresh closure on every render without re-running it.
 */
export function useActionSuccess<S extends { ok: boolean }>(state: S | null, onSuccess: (state: S) => void): void {
  const succeeded = useEffectEvent(onSuccess);
  useEffect(() => {
    if (state?.ok) succeeded(state);
  }, [state]);
}
