"use client";

import { useSyncExternalStore } from "react";

const subscribeToNothing = () => () => {};

/** False in the server's render and while hydrating it, true in the browser after that. */
export function useHydrated(): boolean {
  return useSyncExternalStore(
    subscribeToNothing,
    () => true,
    () => false,
  );
}
