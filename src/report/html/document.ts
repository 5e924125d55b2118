import { createHash } from 'node:crypto';
import { html, SafeHtml } from './escape.js';

/** A CSP source that allows exactly this inline script. */
export function scriptHash(script: string): string {
  return `'sha256-${createHash('sha256').update(script, 'utf8').digest('base64')}'`;
}

/**
 * The opening of every self-contained page we write, up to `<body>`: the CSP (built from constants
 * and hashes only, so not escaped), the title (escaped) and the inline styles.
 */
export function documentHead(title: string, csp: string, styles: string): SafeHtml {
  return html`<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="${new SafeHtml(csp)}">
<meta name="generator" content="xmpp-gauntlet">
<title>${title}</title>
<style>${new SafeHtml(styles)}</style>
</head>
`;
}
