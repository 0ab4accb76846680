import "server-only";
import { describeError } from "@/db/errors";
import { log } from "./log";

/** Work a server does in the background: now when asked, at each interval once started, and stopped with the process. */
export interface Poller {
  /** Runs the work now, unless a run is already going (one at a time per process). */
  runNow(): Promise<void>;
  start(intervalMs: number): void;
  /** Asks the work to stop at its next chance (it asks `stopping`) and resolves when it has. */
  stop(): Promise<void>;
}

interface State {
  timer: NodeJS.Timeout;
  running: Promise<void> | null;
  stopping: boolean;
}

/**
 * A poller whose state is kept under `name` on the process (Next.js loads a module into
 * several bundles; the process has one worker of each kind). `work` is given a `stopping`
 * to ask between items; what it throws is logged as `<name>_error`, and the next run tries
 * again. Before start (in a script, a test) runNow just runs the work.
 */
export function poller(name: string, work: (stopping: () => boolean) => Promise<void>): Poller {
  const store = globalThis as unknown as Record<string, State | undefined>;
  const key = `roster:${name}`;
  const run = async (stopping: () => boolean) => {
    try {
      await work(stopping);
    } catch (error) {
      log("error", `${name}_error`, { error: describeError(error) });
    }
  };
  return {
    async runNow() {
      const state = store[key];
      if (!state) return run(() => false);
      if (state.running || state.stopping) return;
      state.running = run(() => state.stopping).finally(() => {
        state.running = null;
      });
      return state.running;
    },
    start(intervalMs) {
      if (store[key]) return;
      const timer = setInterval(() => void this.runNow(), intervalMs);
      timer.unref();
      store[key] = { timer, running: null, stopping: false };
    },
    async stop() {
      const state = store[key];
      if (!state) return;
      state.stopping = true;
      clearInterval(state.timer);
      await state.running;
    },
  };
}
