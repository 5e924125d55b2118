/** Host names as URLs and domains compare them: one reading of a URL's host, one "is it ours" test. */

/** A URL's host name without the brackets of an IPv6 literal (the WHATWG parser already lower-cases it). */
export function urlHostName(url: string | URL): string {
  return (typeof url === 'string' ? new URL(url) : url).hostname.replace(/^\[|\]$/g, '');
}

/** Whether `name` is `domain` itself or one of its subdomains (case-insensitive). */
export function withinDomain(name: string, domain: string): boolean {
  const host = name.toLowerCase();
  const own = domain.toLowerCase();
  return host === own || host.endsWith(`.${own}`);
}
