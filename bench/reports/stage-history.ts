import { STAGES, type CustomerRow } from '../lib/customer-generator';
import { createPrng } from '../lib/prng';

/**
 * The event history the funnel benchmark reads, generated from the same seeded customer stream as the
 * records: each lead starts at "new" on its created day and moves up the six stages in order, one step
 * every 1–10 days, up to its final stage; other updates (budget changes) fill the history to
 * `eventsPerRecord` events per lead on average. Same seed, same events, on both sides and both dialects.
 */
export const FUNNEL_STAGES: readonly string[] = STAGES;

export interface HistoryEvent {
  /** 0-based position of the lead in the seeded stream. */
  readonly lead: number;
  readonly field: 'stage' | 'budget';
  readonly before: string | null;
  readonly after: string;
  /** ISO instant. */
  readonly at: string;
}

const DAY_MS = 86_400_000;

export function createHistoryGenerator(eventsPerRecord: number, seed = 20261124) {
  const next = createPrng(seed);
  return {
    /** Update events of `rows` (leads `first`…): the created event is the store's own, dated `createdAt(row)`. */
    updates(rows: readonly CustomerRow[], first: number): HistoryEvent[] {
      const events: HistoryEvent[] = [];
      rows.forEach((row, i) => {
        const lead = first + i;
        let at = createdAt(row);
        const final = FUNNEL_STAGES.indexOf(row.stage);
        for (let s = 1; s <= final; s++) {
          at += (1 + Math.floor(next() * 10)) * DAY_MS + Math.floor(next() * DAY_MS);
          events.push({ lead, field: 'stage', before: FUNNEL_STAGES[s - 1]!, after: FUNNEL_STAGES[s]!, at: new Date(at).toISOString() });
        }
        // Fill to the average: the funnel must find its stage changes among everything else that happened.
        const fillers = Math.max(0, Math.round(eventsPerRecord - 1 - final + (next() - 0.5) * 2));
        for (let f = 0; f < fillers; f++) {
          at += Math.floor(next() * 3 * DAY_MS);
          events.push({ lead, field: 'budget', before: row.budget, after: row.budget, at: new Date(at).toISOString() });
        }
      });
      return events;
    },
  };
}

/** A lead is created at 10:00 Shanghai time on its created day. */
export function createdAt(row: CustomerRow): number {
  return Date.parse(`${row.created}T02:00:00Z`);
}
