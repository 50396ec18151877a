/**
 * Safe HTML building for the print templates. Every value that reaches a printed document
 * goes through `escapeHtml` — directly, or through the `html` tag, which escapes each
 * interpolation unless it is already a `SafeHtml` fragment built the same way. A name such
 * as `<script>` typed into a record therefore prints as text and never becomes markup.
 */

const htmlEscapes: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

/** Escapes text for use in HTML content and in quoted attribute values. */
export function escapeHtml(value: unknown): string {
  return String(value).replace(/[&<>"']/g, (c) => htmlEscapes[c] ?? c);
}

/** HTML that was built from escaped parts and may be inserted as is. */
export class SafeHtml {
  constructor(readonly value: string) {}
  toString(): string {
    return this.value;
  }
}

type Interpolation = SafeHtml | string | number | boolean | null | undefined | readonly Interpolation[];

function interpolate(value: Interpolation): string {
  if (value instanceof SafeHtml) return value.value;
  if (Array.isArray(value)) return value.map((v: Interpolation) => interpolate(v)).join('');
  // `false`, null and undefined print nothing, so `${cond && html`…`}` reads naturally.
  if (value === null || value === undefined || value === false) return '';
  return escapeHtml(value);
}

/** Tagged template: `html\`<td>${name}</td>\`` escapes `name`; nested `html` fragments pass through. */
export function html(strings: TemplateStringsArray, ...values: Interpolation[]): SafeHtml {
  let out = strings[0] ?? '';
  values.forEach((value, i) => {
    out += interpolate(value) + (strings[i + 1] ?? '');
  });
  return new SafeHtml(out);
}

/**
 * Escapes text for a double-quoted CSS string (the page footer's margin boxes). HTML
 * escaping does not apply inside <style>, so every ASCII character that is not a letter,
 * digit or space becomes a CSS hex escape: no quote, backslash or `</style>` can break out.
 */
export function escapeCssString(value: string): string {
  let out = '';
  for (const ch of value) {
    const code = ch.codePointAt(0) ?? 0;
    const plain = /[A-Za-z0-9 ]/.test(ch) || (code > 0x9f && code !== 0x2028 && code !== 0x2029);
    out += plain ? ch : `\\${code.toString(16)} `;
  }
  return `"${out}"`;
}
