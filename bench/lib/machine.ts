import { cpus, loadavg, totalmem } from 'node:os';
import { round } from './stats';

/**
 * What the figures were measured on, and how busy it was: on a shared 2-core machine a load average far
 * above 2 means other work competed with the benchmark and its numbers are pessimistic.
 */
export interface MachineNote {
  readonly cores: number;
  readonly memoryGb: number;
  readonly node: string;
  readonly loadAverage1mAtStart: number;
  readonly loadAverage1mAtEnd: number;
}

export function startMachineNote(): () => MachineNote {
  const atStart = loadavg()[0] ?? 0;
  return () => Object.freeze({
    cores: cpus().length,
    memoryGb: Math.round(totalmem() / 2 ** 30),
    node: process.version,
    loadAverage1mAtStart: round(atStart, 2),
    loadAverage1mAtEnd: round(loadavg()[0] ?? 0, 2),
  });
}

/** A warning line when the machine is already busy, or null. */
export function busyWarning(): string | null {
  const load = loadavg()[0] ?? 0;
  const cores = cpus().length;
  return load > cores ? `warning: load average ${load.toFixed(1)} on ${cores} cores — other work competes with this run, its figures will be pessimistic` : null;
}
