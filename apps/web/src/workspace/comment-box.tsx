import { useId, useState, type FormEvent } from 'react';
import { describeError } from '../api/describe-error';
import { FormAlert } from '../components/form-alert';
import { useI18n } from '../i18n/i18n-provider';

/** The server's limit (MAX_COMMENT_LENGTH in the store). */
export const MAX_COMMENT = 4000;

/** A comment on the record, added to its timeline (anyone who can read the record may comment). */
export function CommentBox({ onSend }: { onSend: (text: string) => Promise<void> }) {
  const { t, locale } = useI18n();
  const id = useId();
  const [text, setText] = useState('');
  const [sending, setSending] = useState(false);
  const [failure, setFailure] = useState<unknown>(null);
  const blank = text.trim() === '';

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (blank || sending) return;
    setSending(true);
    setFailure(null);
    try {
      await onSend(text);
      setText('');
    } catch (error) {
      setFailure(error);
    } finally {
      setSending(false);
    }
  };

  return (
    <form className="ws-comment" onSubmit={(event) => void submit(event)}>
      <label className="field__label" htmlFor={id}>
        {t('record360.comment.label')}
      </label>
      <textarea
        id={id}
        className="field__input ws-comment__text"
        rows={2}
        maxLength={MAX_COMMENT}
        placeholder={t('record360.comment.placeholder')}
        value={text}
        onChange={(event) => setText(event.target.value)}
        onKeyDown={(event) => {
          // Ctrl/⌘+Enter sends, as in most chat and ticket tools; Enter alone makes a new line.
          if (event.key === 'Enter' && (event.ctrlKey || event.metaKey)) void submit(event);
        }}
      />
      <FormAlert message={failure ? describeError(failure, t, locale) : undefined} />
      <div className="ws-comment__actions">
        {text.length > MAX_COMMENT * 0.9 ? <span className="ws-muted">{t('record360.comment.count', { count: text.length, max: MAX_COMMENT })}</span> : null}
        <button type="submit" className="button button--primary" disabled={blank || sending}>
          {sending ? t('record360.comment.sending') : t('record360.comment.send')}
        </button>
      </div>
    </form>
  );
}
