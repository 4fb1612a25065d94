/** A form field's value as typed (files and missing fields: empty). */
export function formValue(form: FormData, name: string): string {
  const value = form.get(name);
  return typeof value === 'string' ? value : '';
}

/** A form field's value without surrounding spaces. */
export function text(form: FormData, name: string): string {
  return formValue(form, name).trim();
}
