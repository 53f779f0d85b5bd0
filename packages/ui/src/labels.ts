/**
 * The words the renderer itself shows (not the form's own labels). The app passes them from its typed
 * dictionaries, so this package needs no dictionary of its own and every string follows the app's language.
 */
export interface FormLabels {
  readonly required: string;
  readonly yes: string;
  readonly no: string;
  readonly choose: string;
  readonly addRow: string;
  readonly removeRow: string;
  readonly row: string;
  readonly province: string;
  readonly city: string;
  readonly district: string;
  readonly computed: string;
  readonly fileLater: string;
  readonly idHint: string;
  readonly ratingValue: string;
  readonly empty: string;
  /** The accessible name of a form's tab list. */
  readonly tabs: string;
  /** After a tab's title when it holds problems; `{count}` is filled. */
  readonly tabErrors: string;
  /** The button under a tab that opens the next one; `{title}` is filled. */
  readonly nextTab: string;
}
