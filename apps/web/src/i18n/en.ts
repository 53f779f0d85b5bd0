import type { MessageKey } from './zh-CN';

/** Every string the shell shows, in English. Typed against `zh-CN.ts`: no key may be missing or extra. */
export const en = {
  'app.name': 'Tangram',
  'app.tagline': 'Build your business apps without code',

  'common.loading': 'Loading…',
  'common.retry': 'Try again',
  'common.close': 'Close',
  'common.backToApps': 'Back to apps',

  'language.label': 'Language',
  'language.zh-CN': '中文',
  'language.en': 'English',

  'setup.title': 'Welcome to Tangram',
  'setup.subtitle': 'Create the first administrator account to finish setting up.',
  'setup.name': 'Name',
  'setup.email': 'Email',
  'setup.password': 'Password',
  'setup.passwordHint': 'At least 8 characters',
  'setup.language': 'Interface language',
  'setup.submit': 'Create administrator and sign in',
  'setup.submitting': 'Creating…',

  'login.title': 'Sign in',
  'login.subtitle': 'Sign in to Tangram with your account.',
  'login.email': 'Email',
  'login.password': 'Password',
  'login.submit': 'Sign in',
  'login.submitting': 'Signing in…',

  'validation.required': 'This field is required',
  'validation.email': 'Enter a valid email address',
  'validation.passwordLength': 'The password needs at least 8 characters',

  'nav.apps': 'Apps',
  'nav.menu': 'Menu',
  'nav.closeMenu': 'Close menu',
  'nav.mainMenu': 'Main menu',
  'nav.skipToContent': 'Skip to main content',
  'nav.forms': 'Forms',

  'user.menu': 'User menu',
  'user.admin': 'Administrator',
  'user.logout': 'Sign out',
  'user.signedInAs': 'Signed in as',

  'apps.title': 'My apps',
  'apps.subtitle': 'Every app you have access to.',
  'apps.count': 'Total: {count}',
  'apps.empty.title': 'No apps yet',
  'apps.empty.hint': 'Apps appear here once an administrator creates one or installs a template.',
  'apps.error.title': 'Could not load your apps',
  'apps.open': 'Open {name}',

  'appHome.forms': 'Forms',
  'appHome.noForms.title': 'No forms yet',
  'appHome.noForms.hint': 'Forms appear in the navigation on the left once they are created in the form designer.',
  'appHome.welcome.title': 'Pick a form to start',
  'appHome.welcome.hint': 'Open a form to fill it in, browse its list and open its records here.',
  'appHome.formWorkspace.hint': 'The list and entry pages for this form are coming soon.',
  'appHome.error.title': 'Could not load this app',
  'appHome.notFound': 'There is no app "{key}". It may have been deleted, or you may not have access to it.',
  'form.status.draft': 'Draft',
  'form.status.published': 'Published',
  'form.version': 'Version {version}',

  'notFound.title': 'Page not found',
  'notFound.hint': 'The address you opened does not exist.',

  'error.network': 'Cannot reach the server. Check your connection and try again.',
  'error.unknown': 'Something unexpected went wrong ({status}).',
  'error.sessionExpired': 'Your session has expired. Please sign in again.',
} as const satisfies Record<MessageKey, string>;

// `satisfies` catches missing keys; this catches extra ones that zh-CN lacks.
type ExtraKeys = Exclude<keyof typeof en, MessageKey>;
const noExtraKeys: [ExtraKeys] extends [never] ? true : never = true;
void noExtraKeys;
