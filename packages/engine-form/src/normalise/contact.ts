import type { EmailField, UrlField } from '@tangram/schema';
import { EMPTY, INVALID, emptyOrWrongType, type PrepareNormaliser } from './normaliser';

const EMAIL = /^[^\s@]+@[^\s@.]+(\.[^\s@.]+)+$/;
const SPACE = /\s/;

/** Trimmed; the domain is lower-cased (it is case-insensitive), the local part kept as typed. */
export const prepareEmail: PrepareNormaliser<EmailField> = () => (value, path, problems) => {
  if (typeof value !== 'string') return emptyOrWrongType(value, path, problems, 'string');
  const email = value.trim();
  if (email === '') return EMPTY;
  if (email.length > 254 || !EMAIL.test(email)) return problems.push({ path, code: 'invalidEmail' }), INVALID;
  const at = email.lastIndexOf('@');
  return email.slice(0, at + 1) + email.slice(at + 1).toLowerCase();
};

/** Only http(s) with a host: `javascript:` and `file:` links never reach a page. Stored as typed (trimmed). */
export const prepareUrl: PrepareNormaliser<UrlField> = () => (value, path, problems) => {
  if (typeof value !== 'string') return emptyOrWrongType(value, path, problems, 'string');
  const text = value.trim();
  if (text === '') return EMPTY;
  let url: URL | undefined;
  try {
    url = new URL(text);
  } catch {
    url = undefined;
  }
  if (!url || (url.protocol !== 'http:' && url.protocol !== 'https:') || url.hostname === '' || SPACE.test(text)) {
    return problems.push({ path, code: 'invalidUrl' }), INVALID;
  }
  return text;
};
