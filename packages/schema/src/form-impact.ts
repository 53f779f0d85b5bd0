import type { FieldKind } from './field';
import type { LocalizedText } from './i18n';

/**
 * What publishing a draft changes for records written with the published version, as
 * `POST …/forms/:form/publish/preview` answers it (docs/form-designer.md). Fields are matched by their
 * storage `id`, so `field` is the draft's key and a renamed key is a `keyRenamed` change.
 */
export type FormChange =
  | { readonly kind: 'fieldAdded'; readonly field: string; readonly label: LocalizedText; readonly required: boolean }
  | { readonly kind: 'fieldRemoved'; readonly field: string; readonly label: LocalizedText }
  | { readonly kind: 'keyRenamed'; readonly field: string; readonly label: LocalizedText; readonly from: string }
  | { readonly kind: 'kindChanged'; readonly field: string; readonly label: LocalizedText; readonly from: FieldKind; readonly to: FieldKind }
  | { readonly kind: 'becameRequired'; readonly field: string; readonly label: LocalizedText }
  | { readonly kind: 'optionRemoved'; readonly field: string; readonly label: LocalizedText; readonly values: readonly string[] };

/** One change with the records it touches. */
export type ChangeImpact = FormChange & {
  /** Records of the form (all of them, whatever the designer's own row scope) that the change touches. */
  readonly affected: number;
  /** A few of them the designer may read, with the stored value of the field as it was published. */
  readonly samples: readonly { readonly id: string; readonly value?: unknown }[];
  /** Already in the caller's language. */
  readonly message: string;
};

export interface PublishImpact {
  /** The published version the draft is compared with; null before the first publish. */
  readonly fromVersion: number | null;
  /** Live records of the form. */
  readonly total: number;
  readonly changes: readonly ChangeImpact[];
}
