import { sql, type RawBuilder } from 'kysely';

// What a funnel reads of the stage events, the same whether computed (run-funnel.ts) or kept (funnel-rollup.ts).

/**
 * The 1-based position in `stages` of the stage an event `ev` gave the funnel's field (its created value,
 * or the new side of an update's diff), NULL for a value that is no stage. The field is a checked key.
 */
export function eventStage(stages: readonly string[], field: string): RawBuilder<unknown> {
  return sql`array_position(${[...stages]}::text[],
    case when ev.kind = 'created' then ev.diff ->> ${sql.lit(field)} else ev.diff -> ${sql.lit(field)} ->> 1 end)`;
}

/** `t<i>`: when a record first reached stage i or a later one, over rows `<from>.i` (eventStage) and `<from>.at`. */
export function firstReached(stages: readonly string[], from: string): RawBuilder<unknown>[] {
  return stages.map((_, i) => sql`min(${sql.ref(`${from}.at`)}) filter (where ${sql.ref(`${from}.i`)} >= ${sql.lit(i + 1)}) as ${sql.id(`t${i}`)}`);
}
