/**
 * Runs the scenario's `http_load` phases after the XMPP load: resolves each phase's URL (the
 * phase's own, the lab's, the target's, or XEP-0156 discovery), keeps the load on the target
 * (its domain, a subdomain of it, or its host), and requests upload slots over XMPP.
 */
import { runHttpPhase, type HttpPhaseTargets } from '../http/index.js';
import type { MetricsRegistry } from '../metrics/index.js';
import type { HttpPhase, Scenario } from '../scenario/index.js';
import type { VirtualUser } from '../steps/types.js';
import { GauntletError } from '../util/errors.js';
import { urlHostName, withinDomain } from '../util/host-name.js';
import { discoverEndpoint } from '../xmpp/index.js';
import { tlsConnectOptions } from '../xmpp/http-trust.js';
import type { PhaseTiming } from './result.js';
import type { ResolvedTarget } from './target.js';
import { requestSlots } from './upload-slots.js';

export interface HttpLoadContext {
  resolved: ResolvedTarget;
  users: readonly VirtualUser[];
  metrics: MetricsRegistry;
  signal: AbortSignal;
}

/** Where XEP-0156 host-meta is: the lab's, target.host_meta, or the domain's well-known URL. */
function hostMetaUrl(scenario: Scenario, resolved: ResolvedTarget): string {
  const target = scenario.target;
  return resolved.lab?.http?.hostMeta ?? (target.kind === 'server' ? target.hostMeta : undefined) ?? `https://${resolved.connection.domain}/.well-known/host-meta`;
}

/**
 * Where HTTPS connections go whatever a URL's name resolves to: the lab's address, or the
 * scenario's `target.host`. A target found through DNS SRV pins nothing: its web endpoints
 * (host-meta, upload) need not be served by the XMPP host, so their names are looked up.
 */
function httpPin(scenario: Scenario, resolved: ResolvedTarget): string | undefined {
  return resolved.lab || (scenario.target.kind === 'server' && scenario.target.host) ? resolved.connection.host : undefined;
}

/** Refuses a URL whose host is neither the target's domain (or a subdomain) nor its host. */
export function onTarget(url: string, resolved: ResolvedTarget): string {
  const host = urlHostName(url);
  const domain = resolved.connection.domain;
  if (withinDomain(host, domain) || host === resolved.connection.host.toLowerCase()) return url;
  throw new GauntletError('config', `http_load: ${url} is not on the target (${domain})`, { hint: `HTTP load goes only to ${domain}, its subdomains, or target.host` });
}

async function targetsOf(phase: HttpPhase, scenario: Scenario, context: HttpLoadContext): Promise<HttpPhaseTargets> {
  const { resolved } = context;
  const { connection } = resolved;
  const domain = connection.domain;
  const timeoutMs = phase.timeoutMs ?? scenario.options.timeoutMs;
  switch (phase.endpoint) {
    case 'host-meta':
      return { domain, url: onTarget(phase.url ?? hostMetaUrl(scenario, resolved), resolved) };
    case 'url':
      return { domain, url: onTarget(new URL(phase.request.url, hostMetaUrl(scenario, resolved)).href, resolved) };
    case 'bosh-session': {
      const known = phase.url ?? (connection.transport === 'bosh' ? connection.url : undefined) ?? resolved.lab?.http?.bosh;
      const url = known ?? (await discoverEndpoint('bosh', { hostMetaUrl: hostMetaUrl(scenario, resolved), ca: connection.caPem, host: httpPin(scenario, resolved), timeoutMs }));
      return { domain, url: onTarget(url, resolved) };
    }
    case 'upload': {
      const users = context.users.slice(0, phase.users ?? 1);
      if (users.length === 0) throw new GauntletError('config', 'an upload phase needs accounts to request upload slots', { hint: 'add accounts:' });
      const service = phase.service ?? resolved.lab?.http?.uploadService;
      const slots = await requestSlots(connection, { files: phase.files, size: phase.size, users, service, timeoutMs });
      for (const slot of slots) [slot.putUrl, slot.getUrl].forEach((url) => onTarget(url, resolved));
      return { domain, slots };
    }
  }
}

/** Runs every phase in turn, adding each one's timing as it ends; a refused certificate stops the run. */
export async function runHttpLoad(scenario: Scenario, context: HttpLoadContext, timings: PhaseTiming[]): Promise<void> {
  const { connection } = context.resolved;
  const pin = httpPin(scenario, context.resolved);
  const trust = (url: string) => tlsConnectOptions({ url, ca: connection.caPem, host: pin });
  for (const phase of scenario.httpLoad) {
    if (context.signal.aborted) break;
    const startedAt = new Date();
    const targets = await targetsOf(phase, scenario, context);
    const outcome = await runHttpPhase(phase, targets, { metrics: context.metrics, signal: context.signal, trust, defaultTimeoutMs: scenario.options.timeoutMs });
    const endedAt = new Date();
    timings.push({ name: phase.label, executor: `http:${phase.endpoint}`, startedAt: startedAt.toISOString(), endedAt: endedAt.toISOString(), durationMs: endedAt.getTime() - startedAt.getTime() });
    if (outcome.untrusted) {
      throw new GauntletError('unreachable', `http_load ${phase.label}: the HTTPS certificate was refused (${outcome.untrusted}); no request was sent on that connection`, {
        hint: "set target.ca to the CA file that signed the server's certificate (certificate checks are never turned off)",
      });
    }
    if (outcome.unreachable) {
      throw new GauntletError('unreachable', `http_load ${phase.label}: connections kept failing (${outcome.unreachable}) with no answer in between; the phase stopped`, {
        hint: "check the phase's URL (or target.host_meta / target.host) and that the server's HTTPS port is reachable from here",
      });
    }
  }
}
