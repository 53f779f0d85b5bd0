import { useMediaQuery } from '../../components/use-media-query';

/** A phone (≤ 600 px): lists show cards instead of a table. The stylesheet's breakpoint is the same. */
export const useNarrowScreen = (): boolean => useMediaQuery('(max-width: 600px)');
