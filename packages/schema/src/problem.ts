/**
 * One thing wrong with an input, located by a JSON path into what was sent
 * (`/fields/3/options`, `/data/phone`). `code` is stable (`required`, `pattern`, `unknownField`…);
 * `params` fill the localised message.
 */
export interface Problem {
  readonly path: string;
  readonly code: string;
  readonly params?: Readonly<Record<string, unknown>>;
  readonly message?: string;
}

export type Validated<T> =
  | { readonly ok: true; readonly value: T }
  | { readonly ok: false; readonly problems: readonly Problem[] };
