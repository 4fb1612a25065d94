import { DEMO_PASSWORD } from '../../src/server/features/demo/generator.ts';
import type { BenchContext } from '../context.ts';
import { loadRun, measure, percentile, type Measurement } from '../measure.ts';
import type { ServerProcess } from '../server.ts';

/**
 * Scenario 5: N concurrent clients on loopback for a bounded time, half reading a programme's
 * dashboard as its owner, half reading "My training" as an employee — against the server in a
 * process of its own (`tryggve serve`), whose peak memory is reported.
 */
export async function concurrencyScenario(
  options: BenchContext['options'],
  kind: BenchContext['kind'],
  server: ServerProcess,
  programme: { id: string },
) {
  const address = server.url;
  const cookies = {
    owner: await server.login('strateg', DEMO_PASSWORD),
    employee: await server.login('anstalld', DEMO_PASSWORD),
  };
  // Each reader's first request computes what later ones reuse: not part of the measurement.
  for (const [path, cookie] of [
    [`/api/programmes/${programme.id}/progress`, cookies.owner],
    ['/api/me/training', cookies.employee],
  ] as const)
    await server.bytes(path, cookie);
  // The full roll-up as the server process answers it over HTTP (what the dashboard target is
  // about): the same request as scenario 4's, without the bench's own heap around it.
  const measurements: Measurement[] = [
    await measure(
      '4 dashboard',
      'API, every node, as readers get it (cached), server process over HTTP',
      () => server.bytes(`/api/programmes/${programme.id}/progress?node=all`, cookies.owner),
      { runs: options.runs, warmup: options.warmup, targetMs: kind === 'postgres' ? 25 : 50 },
    ),
  ];
  const summaries = [];
  for (const connections of options.connections) {
    const { result, latencies, errors } = await loadRun({
      url: address,
      connections,
      duration: options.concurrencySeconds,
      requests: [
        {
          method: 'GET',
          path: `/api/programmes/${programme.id}/progress`,
          headers: { cookie: cookies.owner },
        },
        { method: 'GET', path: '/api/me/training', headers: { cookie: cookies.employee } },
      ],
    });
    measurements.push({
      scenario: '5 concurrency',
      name: `${connections} clients, dashboard and My training`,
      runs: [],
      median: percentile(latencies, 50),
      p95: percentile(latencies, 95),
      peakRssMb: server.peakRssMb() ?? 0,
      ...(connections >= 200 ? { targetMs: 150, targetOn: 'p95' as const } : {}),
      errors,
      note: `p99 ${Math.round(percentile(latencies, 99))} ms, ${result.requests.total} requests, ${errors} errors; RSS of the server process`,
    });
    summaries.push({
      connections,
      requests: result.requests.total,
      errors,
      p99: percentile(latencies, 99),
    });
  }
  return { measurements, summaries, serverPeakRssMb: server.peakRssMb() };
}
