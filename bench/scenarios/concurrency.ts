import autocannon from 'autocannon';
import type { App } from '../../src/server/http/route-types.ts';
import type { BenchContext } from '../context.ts';
import { peakRssMb, percentile, type Measurement } from '../measure.ts';

/**
 * Scenario 5: N concurrent clients on loopback for a bounded time, half reading a programme's
 * dashboard as its owner, half reading "My training" as an employee.
 */
export async function concurrencyScenario(
  context: BenchContext,
  app: App,
  cookies: { owner: string; employee: string },
) {
  const programme = await context.db
    .selectFrom('programmes')
    .select('id')
    .where('tenant_id', '=', context.tenantId)
    .where('code', '=', 'VNR-2025')
    .executeTakeFirstOrThrow();
  const address = await app.listen({ port: 0, host: '127.0.0.1' });
  const measurements: Measurement[] = [];
  const summaries = [];
  try {
    for (const connections of context.options.connections) {
      const latencies: number[] = [];
      const result = await new Promise<autocannon.Result>((resolve, reject) => {
        const instance = autocannon(
          {
            url: address,
            connections,
            duration: context.options.concurrencySeconds,
            requests: [
              {
                method: 'GET',
                path: `/api/programmes/${programme.id}/progress`,
                headers: { cookie: cookies.owner },
              },
              { method: 'GET', path: '/api/me/training', headers: { cookie: cookies.employee } },
            ],
          },
          (error, done) => (error ? reject(error as Error) : resolve(done)),
        );
        instance.on('response', (_client, _status, _bytes, responseTime) =>
          latencies.push(Math.round(responseTime * 10) / 10),
        );
      });
      const errors = result.errors + result.timeouts + result.non2xx;
      measurements.push({
        scenario: '5 concurrency',
        name: `${connections} clients, dashboard and My training`,
        runs: [],
        median: percentile(latencies, 50),
        p95: percentile(latencies, 95),
        peakRssMb: peakRssMb(),
        ...(connections >= 200 ? { targetMs: 150, targetOn: 'p95' as const } : {}),
        note: `p99 ${Math.round(percentile(latencies, 99))} ms, ${result.requests.total} requests, ${errors} errors`,
      });
      summaries.push({
        connections,
        requests: result.requests.total,
        errors,
        p99: percentile(latencies, 99),
      });
    }
  } finally {
    await app.close();
  }
  return { measurements, summaries };
}
