import { spawn, type ChildProcess } from 'node:child_process';
import { createWriteStream } from 'node:fs';
import { createServer } from 'node:net';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const BENCH_DIR = join(dirname(fileURLToPath(import.meta.url)), '..');
const SERVER_MAIN = join(BENCH_DIR, '..', 'apps', 'server', 'src', 'main.ts');

export interface ServerProcess {
  readonly baseUrl: string;
  readonly pid: number;
  /** SIGTERM, then SIGKILL if it has not exited within 10 s. */
  stop(): Promise<void>;
}

export interface StartServerOptions {
  readonly databaseUrl: string;
  readonly admin: { readonly email: string; readonly password: string };
  /** Where the server's stdout and stderr go. */
  readonly logFile: string;
  readonly logLevel: string;
  /** Writes a V8 CPU profile of the server to this directory when it stops (`node --cpu-prof`). */
  readonly cpuProfileDir?: string;
}

/**
 * The real server (`apps/server/src/main.ts`, as `pnpm start` runs it) in a child process, so the load
 * generator and the server do not share an event loop. It listens on loopback only, on a free port.
 */
export async function startServer(options: StartServerOptions): Promise<ServerProcess> {
  const port = await freeLoopbackPort();
  // Node with tsx's loader (not the tsx CLI, which runs the server in a grandchild): the pid we signal and
  // the process a CPU profile describes are the server itself.
  const tsxLoader = pathToFileURL(createRequire(join(BENCH_DIR, 'package.json')).resolve('tsx')).href;
  const profile = options.cpuProfileDir ? ['--cpu-prof', `--cpu-prof-dir=${options.cpuProfileDir}`] : [];
  const log = createWriteStream(options.logFile);
  const child = spawn(process.execPath, [...profile, '--import', tsxLoader, SERVER_MAIN], {
    env: {
      ...process.env,
      DATABASE_URL: options.databaseUrl,
      PORT: String(port),
      HOST: '127.0.0.1',
      LOG_LEVEL: options.logLevel,
      TANGRAM_ADMIN_EMAIL: options.admin.email,
      TANGRAM_ADMIN_PASSWORD: options.admin.password,
      NODE_ENV: 'production',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout?.pipe(log);
  child.stderr?.pipe(log);
  const baseUrl = `http://127.0.0.1:${port}`;
  const stop = () => stopChild(child);
  try {
    await waitForHealth(baseUrl, child, options.logFile);
  } catch (error) {
    await stop();
    throw error;
  }
  return { baseUrl, pid: child.pid!, stop };
}

async function freeLoopbackPort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      probe.close(() => (port ? resolve(port) : reject(new Error('no free port'))));
    });
  });
}

/** Polls /api/health for at most 60 s; a server that exits first fails at once, pointing at its log. */
async function waitForHealth(baseUrl: string, child: ChildProcess, logFile: string): Promise<void> {
  const deadline = performance.now() + 60_000;
  let exited: number | null = null;
  child.once('exit', (code) => {
    exited = code ?? 1;
  });
  while (performance.now() < deadline) {
    if (exited !== null) throw new Error(`the server exited with code ${exited} before it was healthy; see ${logFile}`);
    try {
      const response = await fetch(`${baseUrl}/api/health`);
      if (response.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error(`the server was not healthy within 60 s; see ${logFile}`);
}

async function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
  await exited;
  clearTimeout(timer);
}
