import type { Field } from './field';
import type { JsonLogic } from './json-logic';
import type { LocalizedText } from './i18n';

export interface FormSection {
  readonly id: string;
  readonly title?: LocalizedText;
  /** 1–4 columns on desktop; always 1 on a phone. */
  readonly columns?: 1 | 2 | 3 | 4;
  /** Field keys in display order. */
  readonly fields: readonly string[];
}

/**
 * A tab groups whole sections. Tabs sit beside `layout` instead of inside it, so a form saved before tabs
 * existed is still valid and draws exactly as before; when `tabs` is present every section is in exactly
 * one tab and a tab's `sections` order is the display order.
 */
export interface FormTab {
  readonly id: string;
  readonly title: LocalizedText;
  /** Section ids (from `layout`) in display order. */
  readonly sections: readonly string[];
}

/** A cross-field check: when `when` holds the record is refused (block) or the user must confirm (warn). */
export interface FormCheck {
  readonly id: string;
  readonly when: JsonLogic;
  readonly severity: 'block' | 'warn';
  readonly message: LocalizedText;
  /** Field keys the message attaches to. */
  readonly fields?: readonly string[];
}

/** The body of a form definition (draft or a published version). */
export interface FormDefinition {
  readonly schemaVersion: 1;
  readonly key: string;
  readonly name: LocalizedText;
  readonly description?: LocalizedText;
  readonly fields: readonly Field[];
  readonly layout?: readonly FormSection[];
  readonly tabs?: readonly FormTab[];
  readonly checks?: readonly FormCheck[];
}

export type DefinitionStatus = 'draft' | 'published';
export type DefinitionKind = 'form' | 'flow' | 'rule' | 'report' | 'dashboard';

/** A stored definition row, as the API returns it. */
export interface DefinitionVersion<B = unknown> {
  readonly id: string;
  readonly app: string;
  readonly kind: DefinitionKind;
  readonly key: string;
  /** 0 for the draft; 1, 2, … for published versions, which never change. */
  readonly version: number;
  readonly status: DefinitionStatus;
  readonly body: B;
  readonly note?: string;
  readonly author: string | null;
  readonly createdAt: string;
}
