// Timing with percentiles, and the row every measured path gets in the bench table.

export interface Timing {
  samples: number;
  p50: number;
  p95: number;
  p99: number;
}

const round = (n: number) => Math.round(n * 10) / 10;

/** p50, p95 and p99 (nearest rank) of `times`, in their unit, to a tenth. */
export function percentiles(times: number[]): Timing {
  const sorted = [...times].sort((a, b) => a - b);
  const at = (p: number) => round(sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))]);
  return { samples: sorted.length, p50: at(50), p95: at(95), p99: at(99) };
}

/**
 * Runs `fn` `warmup` times untimed, then `samples` times. `fn` returns the time to record
 * (a server's own figure), or nothing to record the wall time of the call.
 */
export async function measure(fn: () => Promise<number | void>, options: { samples: number; warmup: number }): Promise<Timing> {
  for (let i = 0; i < options.warmup; i++) await fn();
  const times: number[] = [];
  for (let i = 0; i < options.samples; i++) {
    const started = performance.now();
    const reported = await fn();
    times.push(typeof reported === "number" ? reported : performance.now() - started);
  }
  return percentiles(times);
}
