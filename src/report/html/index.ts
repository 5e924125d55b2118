export { renderHtmlReport } from './render.js';
export { htmlReportBeside, writeHtmlReport } from './write.js';
export { escapeHtml, html, SafeHtml } from './escape.js';
