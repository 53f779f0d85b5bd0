/**
 * A json-logic expression: the one condition and expression language of Tangram.
 * `{"and": [{"==": [{"var": "channel"}, "web"]}, {">": [{"var": "budget"}, 50000]}]}`
 */
export type JsonLogic =
  | null
  | boolean
  | number
  | string
  | readonly JsonLogic[]
  | { readonly [operator: string]: JsonLogic };
