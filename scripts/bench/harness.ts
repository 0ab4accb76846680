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
  const at = (p: number) =>
    round(sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))]);
  return { samples: sorted.length, p50: at(50), p95: at(95), p99: at(99) };
}

/**
 * Runs each of `fns` `warmup` times untimed, then `samples` times, taking turns: a call of
 * each, then the next round, so that what the machine is doing meanwhile weighs on all of
 * them alike (a path and its floor are compared under the same conditions). Each `fn`
 * returns the time to record (a server's own figure), or nothing to record its wall time.
 */
export async function measure<K extends string>(
  fns: Record<K, () => Promise<unknown>>,
  options: { samples: number; warmup: number },
): Promise<Record<K, Timing>> {
  const names = Object.keys(fns) as K[];
  for (let i = 0; i < options.warmup; i++) for (const name of names) await fns[name]();
  const times = Object.fromEntries(names.map((name) => [name, [] as number[]])) as Record<K, number[]>;
  for (let i = 0; i < options.samples; i++) {
    for (const name of names) {
      const started = performance.now();
      const reported = await fns[name]();
      times[name].push(typeof reported === "number" ? reported : performance.now() - started);
    }
  }
  return Object.fromEntries(names.map((name) => [name, percentiles(times[name])])) as Record<K, Timing>;
}
