import { useCallback, useEffect, useRef, useState, type ReactNode } from 'react';
import { useI18n } from '../i18n/i18n-provider';
import { Link, useRouter } from '../router/router';
import { useSession } from '../session/session-provider';
import type { CurrentUser } from '../api/endpoints';
import { LanguageSwitch } from './language-switch';
import { UserMenu, initialsOf } from './user-menu';
import { useDismiss } from './use-dismiss';
import { useDocumentTitle } from './use-document-title';
import { useFocusTrap } from './use-focus-trap';
import { Brand } from './brand';

export interface AppShellProps {
  readonly user: CurrentUser;
  /** Where the user is, after the brand: an app's name, for example. */
  readonly crumb?: ReactNode;
  /** The page's name for the browser tab. */
  readonly title?: string | undefined;
  /** Left navigation on a wide screen; folded into the menu on a phone. */
  readonly sidebar?: ReactNode;
  readonly children: ReactNode;
}

/**
 * The frame of every signed-in page: top bar (brand, where you are, language, user menu) and an
 * optional left navigation. Below 768px the navigation, language and user menu move into one menu.
 */
export function AppShell({ user, crumb, title, sidebar, children }: AppShellProps) {
  const { t } = useI18n();
  const { signOut } = useSession();
  const { location } = useRouter();
  const [menuOpen, setMenuOpen] = useState(false);
  const menuButton = useRef<HTMLButtonElement>(null);
  const drawer = useRef<HTMLDivElement>(null);
  const closeMenu = useCallback(() => setMenuOpen(false), []);
  useDismiss(menuOpen, closeMenu, drawer, menuButton);
  useFocusTrap(menuOpen, drawer);
  useDocumentTitle(title, t('app.name'));

  useEffect(() => setMenuOpen(false), [location.pathname]);
  useEffect(() => {
    if (menuOpen) drawer.current?.querySelector<HTMLElement>('a, button')?.focus();
  }, [menuOpen]);

  const onSignOut = () => {
    setMenuOpen(false);
    void signOut();
  };

  return (
    <div className={`shell${sidebar ? ' shell--with-sidebar' : ''}`}>
      <a className="skip-link" href="#main">
        {t('nav.skipToContent')}
      </a>
      <header className={`topbar${crumb ? ' topbar--in-app' : ''}`}>
        <button
          ref={menuButton}
          type="button"
          className="icon-button topbar__menu-button"
          aria-label={t('nav.menu')}
          aria-expanded={menuOpen}
          aria-controls="mobile-menu"
          onClick={() => setMenuOpen((open) => !open)}
        >
          <svg viewBox="0 0 24 24" aria-hidden="true">
            <path d="M4 7h16M4 12h16M4 17h16" stroke="currentColor" strokeWidth="1.8" strokeLinecap="round" />
          </svg>
        </button>
        <Link to="/apps" className="topbar__brand">
          <Brand />
        </Link>
        {crumb ? (
          <>
            <span className="topbar__divider" aria-hidden="true">
              /
            </span>
            <div className="topbar__crumb">{crumb}</div>
          </>
        ) : null}
        <div className="topbar__spacer" />
        <div className="topbar__actions">
          <LanguageSwitch />
          <UserMenu user={user} onSignOut={onSignOut} />
        </div>
      </header>

      {menuOpen ? (
        <div className="drawer-backdrop" aria-hidden="true" />
      ) : null}
      <div
        ref={drawer}
        id="mobile-menu"
        className="drawer"
        role="dialog"
        aria-modal="true"
        aria-label={t('nav.mainMenu')}
        hidden={!menuOpen}
      >
        <div className="drawer__header">
          <Brand />
          <button type="button" className="icon-button" aria-label={t('nav.closeMenu')} onClick={closeMenu}>
            <svg viewBox="0 0 24 24" aria-hidden="true">
              <path d="M6 6l12 12M18 6L6 18" stroke="currentColor" strokeWidth="1.8" strokeLinecap="round" />
            </svg>
          </button>
        </div>
        <nav className="drawer__nav" aria-label={t('nav.mainMenu')}>
          <Link to="/apps" className="nav-item" aria-current={location.pathname === '/apps' ? 'page' : undefined}>
            {t('nav.apps')}
          </Link>
          {sidebar}
        </nav>
        <div className="drawer__section">
          <span className="drawer__label">{t('language.label')}</span>
          <LanguageSwitch />
        </div>
        <div className="drawer__user">
          <span className="avatar" aria-hidden="true">
            {initialsOf(user)}
          </span>
          <div className="drawer__user-text">
            <strong>{user.name || user.email}</strong>
            <span>{user.email}</span>
          </div>
        </div>
        <button type="button" className="button button--secondary button--block" onClick={onSignOut}>
          {t('user.logout')}
        </button>
      </div>

      <div className="shell__body">
        {sidebar ? (
          <aside className="sidebar" aria-label={t('nav.forms')}>
            {sidebar}
          </aside>
        ) : null}
        <main id="main" className="shell__main" tabIndex={-1}>
          {children}
        </main>
      </div>
    </div>
  );
}
