import { PGlite } from '@electric-sql/pglite';
const t=Date.now();
const db = await PGlite.create();
console.log('create ms', Date.now()-t);
const r = await db.query("select count(*) c, 1.50::numeric n, now() t, '{\"a\":1}'::jsonb j, 5::int8 b");
console.log(r.rows, typeof r.rows[0].c);
const t2=Date.now(); const dump = await db.dumpDataDir('none'); console.log('dump', Date.now()-t2, dump.size);
const t3=Date.now(); const db2 = await PGlite.create({loadDataDir: dump}); await db2.query('select 1'); console.log('load', Date.now()-t3);
