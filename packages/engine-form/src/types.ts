import type { LocalizedText, Problem } from '@tangram/schema';

/** Everything from outside the form that an evaluation may use: no clock, ids or IO of its own. */
export interface FormContext {
  readonly mode: 'create' | 'update';
  /** Stored data on update; `input` is then a patch over it. */
  readonly previous?: Readonly<Record<string, unknown>>;
  /** ISO instant, the injected clock (`$now` in conditions). */
  readonly now: string;
  /** For date defaults and autonumber date parts. Default 'Asia/Shanghai'. */
  readonly timeZone?: string;
  /** `$user.id`, `$user.orgUnitIds` in conditions. */
  readonly user: { readonly id: string | null; readonly orgUnitIds: readonly string[] };
  /** Sequence values the server allocated, per autonumber field key (see `autonumberFieldKeys`). */
  readonly autonumbers?: Readonly<Record<string, number>>;
  /** Ids of `warn` checks the user has confirmed. */
  readonly confirmedWarnings?: readonly string[];
}

/** A `warn` check that holds and was not confirmed: shown to the user, who may resend with its id confirmed. */
export interface Warning {
  readonly checkId: string;
  /** Where to show it: `/data/<first field of the check>` or `/data`. */
  readonly path: string;
  readonly message: LocalizedText;
  readonly fields: readonly string[];
}

export type FormResult =
  | { readonly ok: true; readonly data: Record<string, unknown>; readonly warnings: readonly Warning[] }
  | { readonly ok: false; readonly problems: readonly Problem[]; readonly warnings: readonly Warning[] };
