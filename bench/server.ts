import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { Agent, get } from 'node:http';
import { createServer } from 'node:net';

/** A free loopback port, as the operating system hands it out. */
async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      probe.close(() => resolve(port));
    });
  });
}

/** Peak resident memory of another process (Linux `VmHWM`), in MB; null where unknown. */
function peakRssOf(pid: number): number | null {
  try {
    const match = /VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return match ? Math.round(Number(match[1]) / 1024) : null;
  } catch {
    return null;
  }
}

/** The heap limit the README gives for production (`NODE_OPTIONS`), measured in docs/BENCHMARKS.md. */
export const PRODUCTION_HEAP = '--max-old-space-size=256';

/**
 * The server as production runs it — `tryggve serve` in a process of its own, with the heap
 * limit the README gives — on the bench's database, so the load generator does not share its
 * event loop and its memory is its own.
 */
export async function startServerProcess(databaseEnv: Record<string, string>, tenant: string) {
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const child = spawn(process.execPath, ['bin/tryggve.js', 'serve'], {
    env: {
      ...process.env,
      ...databaseEnv,
      PORT: String(port),
      HOST: '127.0.0.1',
      TRYGGVE_PUBLIC_URL: url,
      LOG_LEVEL: 'warn',
      NODE_OPTIONS: [process.env.NODE_OPTIONS, PRODUCTION_HEAP].filter(Boolean).join(' '),
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const keep = (chunk: Buffer) => {
    output = (output + chunk.toString()).slice(-4000);
  };
  child.stdout.on('data', keep);
  child.stderr.on('data', keep);
  const exited = new Promise<number | null>((resolve) => child.once('exit', resolve));

  const deadline = Date.now() + 180_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`the server stopped at start:\n${output}`);
    const ready = await fetch(`${url}/readyz`).then(
      (response) => response.ok,
      () => false,
    );
    if (ready) break;
    if (Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`the server did not become ready in time:\n${output}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }

  const agent = new Agent({ keepAlive: true, maxSockets: 1 });
  return {
    url,
    peakRssMb: () => peakRssOf(child.pid ?? 0),
    /**
     * GETs a path with the cookie and resolves with the body's size once its last byte has
     * arrived. A plain HTTP client on a kept-alive connection, reading chunks without joining
     * them: `fetch` and its web streams cost the client as much as a 1.5 MB answer costs the
     * server, and the bench's process (whose heap holds the generated data) is the client.
     */
    bytes(path: string, cookie: string): Promise<number> {
      return new Promise((resolve, reject) => {
        get(`${url}${path}`, { agent, headers: { cookie } }, (response) => {
          let size = 0;
          response.on('data', (chunk: Buffer) => (size += chunk.length));
          response.on('end', () =>
            response.statusCode === 200
              ? resolve(size)
              : reject(new Error(`${path} answered ${response.statusCode}`)),
          );
          response.on('error', reject);
        }).on('error', reject);
      });
    },
    /** Signs in to the bench's municipality and returns the Cookie header to send. */
    async login(username: string, password: string) {
      const response = await fetch(`${url}/api/auth/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ tenant, username, password }),
      });
      const cookie = response.headers.get('set-cookie')?.split(';')[0];
      if (response.status !== 204 || !cookie)
        throw new Error(`bench could not sign in as ${username}: ${response.status}`);
      return cookie;
    },
    async stop() {
      agent.destroy();
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 15_000);
      await exited;
      clearTimeout(timer);
    },
  };
}

export type ServerProcess = Awaited<ReturnType<typeof startServerProcess>>;
