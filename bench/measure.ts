import autocannon from 'autocannon';
/** Timing helpers: every scenario is measured the same way (warm-up, several runs, median, p95). */

export interface Measurement {
  scenario: string;
  name: string;
  runs: number[];
  median: number;
  p95: number;
  /** Peak resident memory of this process so far (the server runs in it), in MB. */
  peakRssMb: number;
  /** The target from issue 6 in ms, when there is one, and which figure it applies to. */
  targetMs?: number;
  targetOn?: 'median' | 'p95';
  /** Failed or timed-out requests of a load run: any makes the target missed. */
  errors?: number;
  note?: string;
}

export function percentile(values: readonly number[], p: number): number {
  if (values.length === 0) return 0;
  const sorted = [...values].sort((a, b) => a - b);
  const index = Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1);
  return sorted[Math.max(0, index)] ?? 0;
}

export const peakRssMb = () => Math.round(process.resourceUsage().maxRSS / 1024);

/**
 * Runs `work` `warmup` times unmeasured and `runs` times measured; `before` prepares each run
 * outside the clock (an undo, a cache to empty).
 */
export async function measure(
  scenario: string,
  name: string,
  work: () => Promise<unknown>,
  options: { runs: number; warmup: number; before?: () => Promise<unknown>; targetMs?: number },
): Promise<Measurement> {
  for (let i = 0; i < options.warmup; i++) {
    await options.before?.();
    await work();
  }
  const runs: number[] = [];
  for (let i = 0; i < options.runs; i++) {
    await options.before?.();
    const started = performance.now();
    await work();
    runs.push(Math.round((performance.now() - started) * 10) / 10);
  }
  return {
    scenario,
    name,
    runs,
    median: percentile(runs, 50),
    p95: percentile(runs, 95),
    peakRssMb: peakRssMb(),
    ...(options.targetMs === undefined ? {} : { targetMs: options.targetMs }),
  };
}

/**
 * A load run with autocannon, keeping every response's latency (autocannon's own summary has
 * no p95); errors are failed, timed-out and non-2xx requests together.
 */
export async function loadRun(options: autocannon.Options) {
  const latencies: number[] = [];
  const result = await new Promise<autocannon.Result>((resolve, reject) => {
    const instance = autocannon(options, (error, done) =>
      error ? reject(error as Error) : resolve(done),
    );
    instance.on('response', (_client, _status, _bytes, responseTime) =>
      latencies.push(Math.round(responseTime * 10) / 10),
    );
  });
  return { result, latencies, errors: result.errors + result.timeouts + result.non2xx };
}
