const seg = encodeURIComponent;

/** Addresses of an app's dashboard pages. */
export function dashboardPaths(app: string) {
  const list = `/apps/${seg(app)}/dashboards`;
  return Object.freeze({
    list,
    dashboard: (key: string) => `${list}/${seg(key)}`,
    tv: (key: string) => `${list}/${seg(key)}/tv`,
    design: (key: string, item?: string) => `${list}/${seg(key)}/design${item ? `?item=${seg(item)}` : ''}`,
    /** The records behind a clicked cell: the form and its json-logic filter travel in the query. */
    drill: (key: string, form: string, filter: unknown, title: string) =>
      `${list}/${seg(key)}/records?${new URLSearchParams({ form, filter: JSON.stringify(filter), title }).toString()}`,
  });
}
