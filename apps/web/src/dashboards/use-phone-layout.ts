import { useEffect, useState } from 'react';

/** Phones (and narrow windows) stack the charts in one column; the same width as the stylesheet's breakpoint. */
export const PHONE_QUERY = '(max-width: 720px)';

export function usePhoneLayout(): boolean {
  const [phone, setPhone] = useState(() => window.matchMedia(PHONE_QUERY).matches);
  useEffect(() => {
    const query = window.matchMedia(PHONE_QUERY);
    const onChange = () => setPhone(query.matches);
    query.addEventListener('change', onChange);
    return () => query.removeEventListener('change', onChange);
  }, []);
  return phone;
}
