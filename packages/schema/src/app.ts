import type { LocalizedText } from './i18n';

export interface AppDefinition {
  readonly schemaVersion: 1;
  /** `^[a-z][a-z0-9-]*$`, unique, used in URLs. */
  readonly key: string;
  readonly name: LocalizedText;
  readonly description?: LocalizedText;
  readonly icon?: string;
  readonly color?: string;
}
