import type { RollupRegistration, RollupStatements } from './rollup-shape';

/**
 * The trigger function and statement triggers that keep one roll-up exact, in the writing transaction.
 * A statement trigger sees the statement's rows as transition tables (`new_rows`, `old_rows`); PostgreSQL
 * allows them on triggers of one event only, hence one trigger per event on one function. The roll-up's
 * statements are written into the function as plain SQL, so PL/pgSQL plans each once per connection; the
 * branch an event doesn't take (`old_rows` on an insert) is never parsed.
 *
 * - cells: the deltas, `+` for the new row versions and `−` for the old ones (rollup-shape.ts).
 * - records (a funnel): the rows of the records the statement wrote, rewritten from the records and their
 *   events as they now are (funnel-rollup.ts); writes to `records` and to `record_events` both run it.
 */
export function functionName(tableName: string): string {
  return `${tableName}_keep`;
}

export function rollupTriggerSql(rollup: RollupRegistration, statements: RollupStatements, formId: number): string[] {
  const fn = functionName(rollup.tableName);
  // A tag no inlined value can hold: the roll-up's own signature, which depends on every value in it.
  const tag = `$k${rollup.signature.slice(0, 24)}$`;
  const body = rollup.kind === 'cells'
    ? `begin
        if tg_op <> 'DELETE' then ${statements.addSql}; end if;
        if tg_op <> 'INSERT' then ${statements.removeSql}; end if;
        return null;
      end`
    : `declare ids bigint[];
      begin
        if tg_table_name = 'records' then ${writtenIds('id', formId)}
        else ${writtenIds('record_id', formId)}
        end if;
        if cardinality(ids) > 0 then ${statements.refreshSql}; end if;
        return null;
      end`;
  const tables = rollup.kind === 'cells' ? ['records'] : ['records', 'record_events'];
  return [
    `create function "${fn}"() returns trigger language plpgsql as ${tag} ${body} ${tag}`,
    ...tables.flatMap((table, t) => [
      `create trigger "${rollup.tableName}_${t}i" after insert on ${table} referencing new table as new_rows for each statement execute function "${fn}"()`,
      `create trigger "${rollup.tableName}_${t}u" after update on ${table} referencing old table as old_rows new table as new_rows for each statement execute function "${fn}"()`,
      `create trigger "${rollup.tableName}_${t}d" after delete on ${table} referencing old table as old_rows for each statement execute function "${fn}"()`,
    ]),
  ];
}

/** `ids :=` the records of the form a statement wrote, by the column of the written table that holds them. */
function writtenIds(column: 'id' | 'record_id', formId: number): string {
  const of = (rows: string) => `select distinct ${rows[0]}.${column} from ${rows} ${rows[0]} where ${rows[0]}.form_id = ${formId}`;
  return `if tg_op = 'INSERT' then ids := array(${of('new_rows')});
          elsif tg_op = 'DELETE' then ids := array(${of('old_rows')});
          else ids := array(${of('new_rows')} union ${of('old_rows')});
          end if;`;
}
