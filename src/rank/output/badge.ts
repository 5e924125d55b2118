/** A host's SVG badge: two shields, `c2s TLS A` and `compliance 87%`. Text escaped for XML. */
import { escapeHtml } from '../../report/html/escape.js';
import type { HostGrades } from '../grade/index.js';

const COLOURS: Record<string, string> = { 'A+': '#1a7f37', A: '#1a7f37', 'A-': '#4c9a2a', B: '#9a6700', C: '#bc4c00', D: '#cf222e', E: '#cf222e', F: '#cf222e' };
const GREY = '#6e7781';
// Verdana 11px averages about 7 px a character: enough for a badge, no font metrics needed.
const width = (text: string) => 10 + Math.round(text.length * 7);

function shield(y: number, label: string, value: string, colour: string): string {
  const lw = width(label);
  const vw = width(value);
  return (
    `<g transform="translate(0 ${y})"><rect width="${lw}" height="20" fill="#555"/><rect x="${lw}" width="${vw}" height="20" fill="${colour}"/>` +
    `<text x="${lw / 2}" y="14">${escapeHtml(label)}</text><text x="${lw + vw / 2}" y="14">${escapeHtml(value)}</text></g>`
  );
}

function complianceColour(percent: number | null): string {
  if (percent === null) return GREY;
  return percent >= 80 ? COLOURS.A! : percent >= 50 ? COLOURS.B! : COLOURS.F!;
}

export function renderBadge(g: HostGrades): string {
  const tls = g.c2sTls.grade;
  const compliance = g.compliance.percent === null ? 'unknown' : `${g.compliance.percent}%`;
  const rows = [shield(0, 'c2s TLS', tls, COLOURS[tls] ?? GREY), shield(22, 'compliance', compliance, complianceColour(g.compliance.percent))];
  const total = Math.max(width('c2s TLS') + width(tls), width('compliance') + width(compliance));
  return (
    `<svg xmlns="http://www.w3.org/2000/svg" width="${total}" height="42" role="img" aria-label="${escapeHtml(`${g.domain}: c2s TLS ${tls}, compliance ${compliance}`)}">` +
    `<title>${escapeHtml(g.domain)}</title><g font-family="Verdana,DejaVu Sans,sans-serif" font-size="11" fill="#fff" text-anchor="middle">${rows.join('')}</g></svg>\n`
  );
}

/** A file name for a domain's badge: the domain is already a checked DNS name. */
export function badgeFileName(domain: string): string {
  return `${domain.replace(/[^a-z0-9.-]/g, '_')}.svg`;
}
