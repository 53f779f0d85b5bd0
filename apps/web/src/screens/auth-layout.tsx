import type { ReactNode } from 'react';
import { useI18n } from '../i18n/i18n-provider';
import { Brand } from '../shell/brand';
import { LanguageSwitch } from '../shell/language-switch';
import { useDocumentTitle } from '../shell/use-document-title';

/** The frame of the signed-out screens: a card centred on a calm background, language switch in reach. */
export function AuthLayout({ title, subtitle, children }: { title: string; subtitle: string; children: ReactNode }) {
  const { t } = useI18n();
  useDocumentTitle(title, t('app.name'));
  return (
    <div className="auth">
      <header className="auth__bar">
        <Brand />
        <LanguageSwitch />
      </header>
      <main className="auth__main" id="main">
        <section className="auth__card" aria-labelledby="auth-title">
          <h1 className="auth__title" id="auth-title">
            {title}
          </h1>
          <p className="auth__subtitle">{subtitle}</p>
          {children}
        </section>
        <p className="auth__tagline">{t('app.tagline')}</p>
      </main>
    </div>
  );
}
