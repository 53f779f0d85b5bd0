const seg = encodeURIComponent;

/** Addresses of the workspace pages of one form. */
export function workspacePaths(app: string, form: string) {
  const list = `/apps/${seg(app)}/forms/${seg(form)}`;
  return Object.freeze({
    list,
    create: `${list}/new`,
    record: (id: string) => `${list}/records/${seg(id)}`,
    edit: (id: string) => `${list}/records/${seg(id)}/edit`,
  });
}
