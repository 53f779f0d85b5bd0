import { useMediaQuery } from '../components/use-media-query';

/** Phones (and narrow windows) stack the charts in one column; the same width as the stylesheet's breakpoint. */
const PHONE_QUERY = '(max-width: 720px)';

export const usePhoneLayout = (): boolean => useMediaQuery(PHONE_QUERY);
