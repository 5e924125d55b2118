/**
 * Fills the `{name}` placeholders of an accounts or command template; `{{` and `}}` are literal
 * braces. The scenario loader has already refused names a template may not use.
 */
export function fillTemplate(template: string, values: Readonly<Record<string, string | number>>): string {
  return template.replace(/\{\{|\}\}|\{(\w+)\}/g, (token, name?: string) => {
    if (name === undefined) return token[0]!;
    const value = values[name];
    return value === undefined ? token : String(value);
  });
}
