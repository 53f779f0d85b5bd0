import { useEffect } from 'react';

/** "我的应用 · Tangram": the tab and the history list say where the user is, in their language. */
export function useDocumentTitle(title: string | undefined, product: string) {
  useEffect(() => {
    document.title = title ? `${title} · ${product}` : product;
  }, [title, product]);
}
