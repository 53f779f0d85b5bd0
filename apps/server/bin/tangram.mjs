#!/usr/bin/env node
// The `tangram` command. Sources are TypeScript, so commands run under tsx's loader.
import { spawn } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { serverNodeFlags } from './node-flags.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const [command = 'help', ...rest] = process.argv.slice(2);

const commands = {
  start: () => run(join(here, '../src/main.ts'), rest),
  help: () => {
    console.log(`Usage: tangram <command>

Commands:
  start    Start the server. Environment:
             PORT (3000), HOST (0.0.0.0), DATABASE_URL (absent: PGlite in ./data),
             TANGRAM_DATA_DIR, TANGRAM_PGLITE_BUFFERS (512MB), TANGRAM_WEB_ROOT (apps/web/dist),
             TANGRAM_ADMIN_EMAIL + TANGRAM_ADMIN_PASSWORD (first admin, when no user exists),
             TANGRAM_SECURE_COOKIES=true (behind HTTPS), TANGRAM_TRUST_PROXY=true (behind a proxy),
             LOG_LEVEL (info)
  help     Show this help`);
  },
};

const handler = commands[command];
if (!handler) {
  console.error(`Unknown command "${command}". Run "tangram help".`);
  process.exit(2);
}
handler();

function run(entry, args) {
  const child = spawn(process.execPath, [...serverNodeFlags(), '--import', import.meta.resolve('tsx'), entry, ...args], { stdio: 'inherit' });
  // Signals reach the child (same process group on a terminal); forward them when sent to us alone.
  for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => child.kill(signal));
  child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
}
