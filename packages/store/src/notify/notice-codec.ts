import type { RecordChange, StoreNotice } from '../api';

/** The one channel every notice travels on (PostgreSQL NOTIFY / PGlite's in-process listen). */
export const NOTICE_CHANNEL = 'tangram_notices';

/**
 * PostgreSQL refuses a NOTIFY payload of 8000 bytes or more. Below this budget a notice goes out whole;
 * a record notice above it drops its ids and becomes a summary ("this form changed, refetch").
 */
export const PAYLOAD_LIMIT = 7900;

/** Record ids and versions as runs: `[[firstId, lastId, version], …]` (a 1,000-row import is one run). */
type Runs = [string, string, number | null][];

type Wire =
  | { k: 'r'; a: string; f: string; c: RecordChange; r: Runs | null }
  | { k: 't'; t: string; d: unknown; u: string[] | null }
  | { k: 'u'; u: string }
  | { k: 's'; h: string };

function toRuns(records: readonly { id: string; version: number | null }[]): Runs {
  const runs: Runs = [];
  for (const { id, version } of records) {
    const last = runs[runs.length - 1];
    if (last && last[2] === version && follows(last[1], id)) last[1] = id;
    else runs.push([id, id, version]);
  }
  return runs;
}

function fromRuns(runs: Runs): { id: string; version: number | null }[] {
  const records: { id: string; version: number | null }[] = [];
  for (const [first, last, version] of runs) {
    const from = Number(first);
    const to = Number(last);
    if (Number.isSafeInteger(to)) {
      for (let id = from; id <= to; id++) records.push({ id: String(id), version });
    } else {
      for (let id = BigInt(first); id <= BigInt(last); id++) records.push({ id: id.toString(), version });
    }
  }
  return records;
}

/**
 * Whether record id `id` comes right after `previous` (decimal text of bigints). Numbers are exact
 * below 2^53, and BigInt for every record of an import cost it ~0.3 µs a record.
 */
function follows(previous: string, id: string): boolean {
  const next = Number(previous) + 1;
  return Number.isSafeInteger(next) ? String(next) === id : BigInt(previous) + 1n === BigInt(id);
}

function toWire(notice: StoreNotice): Wire {
  switch (notice.kind) {
    case 'records': return { k: 'r', a: notice.app, f: notice.form, c: notice.change, r: notice.records ? toRuns(notice.records) : null };
    case 'topic': return { k: 't', t: notice.topic, d: notice.data, u: notice.users ? [...notice.users] : null };
    case 'userDisabled': return { k: 'u', u: notice.userId };
    case 'sessionEnded': return { k: 's', h: notice.sessionHash };
  }
}

/**
 * The NOTIFY payload of a notice.
 *   encodeNotice({ kind: 'records', app: 'crm', form: 'lead', change: 'created', records: [{ id: '7', version: 1 }, { id: '8', version: 1 }] })
 *   -> '{"k":"r","a":"crm","f":"lead","c":"created","r":[["7","8",1]]}'
 * A record notice too large to list its ids is sent as a summary (`"r":null`); any other notice too large
 * is refused, because it would be refused by the database after the write it describes had committed.
 */
export function encodeNotice(notice: StoreNotice): string {
  const text = JSON.stringify(toWire(notice));
  if (Buffer.byteLength(text) <= PAYLOAD_LIMIT) return text;
  if (notice.kind === 'records') {
    const summary = JSON.stringify(toWire({ ...notice, records: null }));
    if (Buffer.byteLength(summary) <= PAYLOAD_LIMIT) return summary;
  }
  throw new RangeError(`a ${notice.kind} notice must stay under ${PAYLOAD_LIMIT} bytes`);
}

/** The notice a payload carries, or null for anything this version does not understand. */
export function decodeNotice(payload: string): StoreNotice | null {
  let wire: Wire;
  try {
    wire = JSON.parse(payload) as Wire;
  } catch {
    return null;
  }
  switch (wire?.k) {
    case 'r': return Object.freeze({ kind: 'records', app: wire.a, form: wire.f, change: wire.c, records: wire.r ? Object.freeze(fromRuns(wire.r)) : null });
    case 't': return Object.freeze({ kind: 'topic', topic: wire.t, data: wire.d, users: wire.u });
    case 'u': return Object.freeze({ kind: 'userDisabled', userId: wire.u });
    case 's': return Object.freeze({ kind: 'sessionEnded', sessionHash: wire.h });
    default: return null;
  }
}
