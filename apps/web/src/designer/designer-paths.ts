const seg = encodeURIComponent;

/** Addresses of the designer. `new-form` cannot be a form key (keys have no hyphen). */
export function designerPaths(app: string) {
  return Object.freeze({
    create: `/apps/${seg(app)}/design/new-form`,
    form: (form: string) => `/apps/${seg(app)}/design/${seg(form)}`,
  });
}
