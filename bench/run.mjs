#!/usr/bin/env node
// `pnpm bench <name> [--quick] [options]` runs bench/<name>/index.ts with tsx in a child process, so the
// benchmark's own stdout (its last line is the JSON figures) passes through untouched.
import { spawn } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { serverNodeFlags } from '../apps/server/bin/node-flags.mjs';

const benchDir = dirname(fileURLToPath(import.meta.url));
const available = readdirSync(benchDir, { withFileTypes: true })
  .filter((entry) => entry.isDirectory() && existsSync(join(benchDir, entry.name, 'index.ts')))
  .map((entry) => entry.name)
  .sort();

const [name, ...args] = process.argv.slice(2);
if (!name || name === '--help' || !available.includes(name)) {
  process.stderr.write(
    `${name && name !== '--help' ? `unknown benchmark "${name}"\n` : ''}usage: pnpm bench <name> [--quick] [options]\nbenchmarks: ${available.join(', ')}\n`,
  );
  process.exit(name === '--help' ? 0 : 2);
}

// Node with tsx's loader rather than the tsx CLI: signals then reach the benchmark itself, which stops
// at its next step and drops its database and temp files instead of being killed mid-run.
const tsxLoader = pathToFileURL(createRequire(join(benchDir, 'package.json')).resolve('tsx')).href;
// Benchmarks run the server's code in this child (the import end to end, the dashboard over HTTP): with
// the server's own flags, so they measure the process users run.
const child = spawn(process.execPath, [...serverNodeFlags(), ...(process.env.BENCH_CPU_PROF ? ['--cpu-prof', '--cpu-prof-dir', process.env.BENCH_CPU_PROF] : []), '--import', tsxLoader, join(benchDir, name, 'index.ts'), ...args], { stdio: 'inherit' });
// Ctrl-C reaches the child through the terminal; wait for it to clean up (drop its database) and exit.
process.on('SIGINT', () => {});
child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
