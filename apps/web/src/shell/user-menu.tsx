import { useCallback, useEffect, useId, useRef, useState, type KeyboardEvent } from 'react';
import type { CurrentUser } from '../api/endpoints';
import { useI18n } from '../i18n/i18n-provider';
import { useDismiss } from './use-dismiss';

export function initialsOf(user: CurrentUser): string {
  const source = user.name?.trim() || user.email;
  return ([...source][0] ?? '?').toUpperCase();
}

/** The avatar button in the top bar; opens a menu with who is signed in and "sign out". */
export function UserMenu({ user, onSignOut }: { user: CurrentUser; onSignOut: () => void }) {
  const { t } = useI18n();
  const [open, setOpen] = useState(false);
  const menuId = useId();
  const trigger = useRef<HTMLButtonElement>(null);
  const menu = useRef<HTMLDivElement>(null);
  const close = useCallback(() => setOpen(false), []);
  useDismiss(open, close, menu, trigger);

  useEffect(() => {
    if (open) menu.current?.querySelector<HTMLElement>('[role="menuitem"]')?.focus();
  }, [open]);

  const onTriggerKey = (event: KeyboardEvent<HTMLButtonElement>) => {
    if (event.key === 'ArrowDown') {
      event.preventDefault();
      setOpen(true);
    }
  };

  return (
    <div className="user-menu">
      <button
        ref={trigger}
        type="button"
        className="user-menu__trigger"
        aria-haspopup="menu"
        aria-expanded={open}
        aria-controls={menuId}
        aria-label={`${t('user.menu')}: ${user.name || user.email}`}
        onClick={() => setOpen((value) => !value)}
        onKeyDown={onTriggerKey}
      >
        <span className="avatar" aria-hidden="true">
          {initialsOf(user)}
        </span>
        <span className="user-menu__name">{user.name || user.email}</span>
        <svg className="user-menu__caret" viewBox="0 0 12 12" aria-hidden="true">
          <path d="M3 4.5l3 3 3-3" fill="none" stroke="currentColor" strokeWidth="1.5" strokeLinecap="round" />
        </svg>
      </button>
      <div ref={menu} id={menuId} className="menu" role="menu" aria-label={t('user.menu')} hidden={!open}>
        <div className="menu__header" role="presentation">
          <span className="menu__caption">{t('user.signedInAs')}</span>
          <strong className="menu__title">{user.name || user.email}</strong>
          <span className="menu__caption">{user.email}</span>
          {user.isAdmin ? <span className="badge">{t('user.admin')}</span> : null}
        </div>
        <button
          type="button"
          role="menuitem"
          className="menu__item"
          onClick={() => {
            setOpen(false);
            onSignOut();
          }}
        >
          {t('user.logout')}
        </button>
      </div>
    </div>
  );
}
