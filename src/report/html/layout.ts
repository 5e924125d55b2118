import { createHash } from 'node:crypto';
import { chartLibrary } from './assets.js';
import { CHARTS_SCRIPT } from './client-script.js';
import { html, inlineAsset, jsonForScript, SafeHtml } from './escape.js';
import { REPORT_CSS } from './styles.js';

function sha256(text: string): string {
  return `'sha256-${createHash('sha256').update(text, 'utf8').digest('base64')}'`;
}

/**
 * The self-contained page: styles, uPlot, the charts script and their data all inline. The
 * Content-Security-Policy allows no network at all and runs only the two scripts written here
 * (by hash), so even markup that slipped past escaping could neither execute nor load anything.
 */
export function page(title: string, body: SafeHtml, data: unknown): string {
  const library = chartLibrary();
  const scripts = [inlineAsset(library.script, 'script'), inlineAsset(CHARTS_SCRIPT, 'script')];
  const csp = [
    "default-src 'none'",
    `script-src ${scripts.map(sha256).join(' ')}`,
    "style-src 'unsafe-inline'",
    'img-src data:',
    "base-uri 'none'",
    "form-action 'none'",
  ].join('; '); // constants and base64 only: nothing to escape
  const styles = new SafeHtml(inlineAsset(`${library.css}\n${REPORT_CSS}`, 'style'));
  return html`<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="${new SafeHtml(csp)}">
<meta name="generator" content="xmpp-gauntlet">
<title>${title}</title>
<style>${styles}</style>
</head>
<body>
<main>
${body}
</main>
<script type="application/json" id="charts-data">${new SafeHtml(jsonForScript(data))}</script>
${scripts.map((script) => html`<script>${new SafeHtml(script)}</script>`)}
</body>
</html>
`.text;
}
