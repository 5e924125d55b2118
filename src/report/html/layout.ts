import { chartLibrary } from './assets.js';
import { CHARTS_SCRIPT } from './client-script.js';
import { html, inlineAsset, jsonForScript, SafeHtml } from './escape.js';
import { REPORT_CSS } from './styles.js';
import { documentHead, scriptHash } from './document.js';

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
    `script-src ${scripts.map(scriptHash).join(' ')}`,
    "style-src 'unsafe-inline'",
    'img-src data:',
    "base-uri 'none'",
    "form-action 'none'",
  ].join('; '); // constants and base64 only: nothing to escape
  return html`${documentHead(title, csp, inlineAsset(`${library.css}\n${REPORT_CSS}`, 'style'))}<body>
<main>
${body}
</main>
<script type="application/json" id="charts-data">${new SafeHtml(jsonForScript(data))}</script>
${scripts.map((script) => html`<script>${new SafeHtml(script)}</script>`)}
</body>
</html>
`.text;
}
