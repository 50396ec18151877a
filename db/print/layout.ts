import { formatDateTime, formatWarekiDateTime } from './dates';
import { escapeCssString, escapeHtml, html, SafeHtml } from './html';
import { baseCss, printFontFamily } from './styles';

export { escapeHtml, html, SafeHtml } from './html';

/**
 * The shell every printed document shares: one self-contained HTML string with inline CSS,
 * no scripts and no external URL. The same string goes to Electron's printToPDF / print
 * and to Chromium in tests, so what the tests read is what the clerk gets on paper.
 */
export interface DocumentOptions {
  /** Shown in the PDF's title (and the print dialog); escaped here. */
  title: string;
  /** The page content, built with the `html` tag so every value in it is escaped. */
  body: SafeHtml;
  /** A4 portrait unless stated; landscape for wide lists. */
  landscape?: boolean;
  /** Printed in the footer of every page, with the print time. */
  organizationName?: string;
  /** ISO instant of printing (from the backend's clock: the template never reads the time). */
  printedAt?: string;
  /** The organisation's time zone for the footer's print time (Asia/Tokyo when not given). */
  timeZone?: string;
  /** The footer's print time in 和暦, as the organisation's 設定 (dateDisplay) asks. */
  wareki?: boolean;
  /** Extra static CSS of one template. Never put a value in it: CSS is not HTML-escaped. */
  styles?: string;
  /**
   * Printed at the top right of every page (a certificate's title and number), so a page
   * separated from the others still says which document it belongs to.
   */
  pageMark?: string;
}

/**
 * The footer lives in the @page margin boxes, so it repeats on every page with its page
 * number and never overlaps the content. Margin boxes take CSS strings, not markup, hence
 * escapeCssString rather than escapeHtml for these values.
 */
function footerCss(options: DocumentOptions): string {
  const when = options.wareki ? formatWarekiDateTime : formatDateTime;
  const printed = options.printedAt ? `印刷日時 ${when(options.printedAt, options.timeZone)}` : '';
  const box = `font-family: ${printFontFamily}; font-size: 8pt; color: #333; vertical-align: middle;`;
  return `@page {
  size: A4 ${options.landscape ? 'landscape' : 'portrait'};
  @bottom-left { content: ${escapeCssString(printed)}; ${box} }
  @bottom-center { content: ${escapeCssString(options.organizationName ?? '')}; ${box} }
  @bottom-right { content: counter(page) " / " counter(pages); ${box} }${options.pageMark ? `\n  @top-right { content: ${escapeCssString(options.pageMark)}; ${box} }` : ''}
}`;
}

export function renderDocument(options: DocumentOptions): string {
  return `<!DOCTYPE html>
<html lang="ja">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width">
<title>${escapeHtml(options.title)}</title>
<style>
${baseCss}
${options.styles ?? ''}
${footerCss(options)}
</style>
</head>
<body>
${options.body.value}
</body>
</html>
`;
}

/** The head block of a form: an optional handling mark (取扱注意), the title and a subtitle. */
export function documentHead(title: string, subtitle?: string, marking?: string): SafeHtml {
  return html`<header class="doc-head">
  ${marking ? html`<div class="doc-marking">${marking}</div>` : null}
  <h1 class="doc-title">${title}</h1>
  ${subtitle ? html`<p class="doc-subtitle">${subtitle}</p>` : null}
</header>`;
}

/** A numbered section heading (■-style bar on the left, like ministry forms). */
export function sectionTitle(text: string): SafeHtml {
  return html`<h2 class="section-title">${text}</h2>`;
}
