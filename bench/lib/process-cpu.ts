import { readFileSync } from 'node:fs';
import pg from 'pg';

/** Linux's USER_HZ: /proc reports CPU time in these ticks (100 on every Linux we run on). */
const TICKS_PER_SECOND = 100;

/**
 * CPU time (user + system) a process has used so far, in milliseconds, from /proc; null where there is no
 * /proc. On a shared machine, throughput measures the neighbours as much as the code; CPU time spent per
 * request by the server and by PostgreSQL measures the code.
 */
export function processCpuMs(pid: number): number | null {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // Fields after the command name (which may hold spaces) start after the last ')'.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return ((Number(fields[11]) + Number(fields[12])) * 1000) / TICKS_PER_SECOND;
  } catch {
    return null;
  }
}

/** CPU counters of the server process and of PostgreSQL's backends serving one database. */
export interface CpuMeter {
  /** CPU milliseconds used since the previous call: by the server, and by the database's backends. */
  lap(): Promise<{ serverMs: number | null; postgresMs: number | null }>;
  close(): Promise<void>;
}

export async function createCpuMeter(serverPid: number, adminUrl: string, database: string): Promise<CpuMeter> {
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  const backendTimes = async (): Promise<Map<number, number>> => {
    const { rows } = await admin.query<{ pid: number }>('select pid from pg_stat_activity where datname = $1', [database]);
    return new Map(rows.flatMap(({ pid }) => {
      const ms = processCpuMs(pid);
      return ms === null ? [] : [[pid, ms] as [number, number]];
    }));
  };
  let server = processCpuMs(serverPid);
  let backends = await backendTimes();
  return {
    async lap() {
      const nowServer = processCpuMs(serverPid);
      const nowBackends = await backendTimes();
      // A backend that started during the lap counts from zero; one that ended is lost (the pool keeps them).
      const postgresMs = nowBackends.size === 0 ? null : [...nowBackends].reduce((sum, [pid, ms]) => sum + ms - (backends.get(pid) ?? 0), 0);
      const serverMs = nowServer === null || server === null ? null : nowServer - server;
      server = nowServer;
      backends = nowBackends;
      return { serverMs, postgresMs };
    },
    close: () => admin.end(),
  };
}

/** A lap's CPU milliseconds per item (record, sheet row), to the microsecond; null where unmeasured. */
export function cpuPerItem(lap: { serverMs: number | null; postgresMs: number | null }, items: number): { server: number | null; postgres: number | null } {
  const per = (ms: number | null) => (ms === null || items === 0 ? null : Math.round((ms / items) * 1000) / 1000);
  return { server: per(lap.serverMs), postgres: per(lap.postgresMs) };
}
