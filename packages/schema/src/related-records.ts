import type { Field } from './field';
import type { LocalizedText } from './i18n';
import type { JsonLogic } from './json-logic';
import type { RecordView } from './record';

/**
 * The records around one record, as `GET …/records/:id/related` answers them (docs/api.md): for each
 * relation field of another form that points at this record's form, the records pointing at it…
 */
export interface IncomingRelated {
  readonly form: string;
  readonly formName: LocalizedText;
  readonly field: string;
  readonly fieldLabel: LocalizedText;
  readonly multiple: boolean;
  /** The list filter that finds them (also what "view all" puts in the list's URL). */
  readonly filter: JsonLogic;
  readonly total: number;
  readonly items: readonly RecordView[];
  /** The related form's fields the caller may see, to lay the rows out. */
  readonly fields: readonly Field[];
  readonly canCreate: boolean;
}

/** …and, for each relation field of the record itself, the records it points to, named by their display field. */
export interface OutgoingRelated {
  readonly field: string;
  readonly form: string;
  readonly formName: LocalizedText;
  readonly items: readonly { readonly id: string; readonly label: string }[];
}

export interface RelatedRecords {
  readonly incoming: readonly IncomingRelated[];
  readonly outgoing: readonly OutgoingRelated[];
}
