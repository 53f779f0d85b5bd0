import type { LocalizedText } from '@tangram/schema';

/**
 * How a form is offered to the public (lead capture). The server validates it (route schema + the form's
 * fields); the store keeps it as it was saved.
 */
export interface PublicFormSettings {
  /** Field keys shown on the public page, in order. */
  readonly fields: readonly string[];
  /** Hidden field keys a URL parameter of the same name may fill (`?channel=expo`); every other parameter is ignored. */
  readonly prefill: readonly string[];
  /** Owner and org unit every record submitted through the link gets. */
  readonly ownerId: string | null;
  readonly orgUnitId: string | null;
  readonly thankYou: {
    readonly title?: LocalizedText;
    readonly message?: LocalizedText;
    /** Where the browser goes after a submission instead of the thank-you page (http/https only). */
    readonly redirectUrl?: string;
  };
  /** A second submission with the same value of `field` within `days` adds no record (null: off). */
  readonly duplicate: { readonly field: string; readonly days: number } | null;
  /** Submissions per client address per hour. */
  readonly rateLimitPerHour: number;
}

/** A form's public-form row: its unguessable share token, whether it is live, and its settings. */
export interface PublicForm {
  readonly app: string;
  readonly form: string;
  readonly token: string;
  readonly enabled: boolean;
  readonly settings: PublicFormSettings;
  readonly updatedAt: string;
}
