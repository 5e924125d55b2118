/** `gauntlet validate`: a loaded scenario explained in a few lines, so its author sees what would run. */
import { formatDuration } from '../util/duration.js';
import type { HttpPhase, Phase, Scenario, Step } from './types.js';

function phaseLine(phase: Phase): string {
  const grace = 'gracefulStopMs' in phase && phase.gracefulStopMs !== undefined ? `, graceful stop ${formatDuration(phase.gracefulStopMs)}` : '';
  switch (phase.executor) {
    case 'constant-users':
      return `${phase.users} users${phase.iterations === undefined ? '' : `, ${phase.iterations} iteration(s) each`}${phase.durationMs === undefined ? '' : ` for ${formatDuration(phase.durationMs)}`}${grace}`;
    case 'ramping-users':
      return `users ${[phase.startUsers, ...phase.stages.map((stage) => `${stage.target} (${formatDuration(stage.durationMs)})`)].join(' → ')}${grace}`;
    case 'constant-arrival-rate':
      return `${phase.rate} arrivals/s for ${formatDuration(phase.durationMs)}, at most ${phase.maxUsers} users`;
    case 'ramping-arrival-rate':
      return `arrivals/s ${[phase.startRate, ...phase.stages.map((stage) => `${stage.target} (${formatDuration(stage.durationMs)})`)].join(' → ')}, at most ${phase.maxUsers} users`;
  }
}

function httpLine(phase: HttpPhase): string {
  const pace = `${phase.connections} connection(s)${'pipelining' in phase && phase.pipelining ? `, pipelining ${phase.pipelining}` : ''}${phase.rate ? `, ${phase.rate} requests/s` : ''}`;
  const kind = `${phase.label} (${phase.endpoint})`;
  if (phase.endpoint === 'upload') return `${kind}: ${phase.files} files of ${phase.size} bytes (slots for ${phase.users ?? 1} user(s)), each PUT, read back and compared; ${pace}`;
  const bound = [phase.amount === undefined ? '' : `${phase.amount} requests`, phase.duration === undefined ? '' : `for ${formatDuration(phase.duration)}`].filter(Boolean).join(' or ');
  return `${kind}: ${phase.endpoint === 'url' ? `${phase.request.method ?? 'GET'} ${phase.request.url}, ` : ''}${bound}, ${pace}`;
}

function stepWords(steps: readonly Step[]): string {
  return steps.map((step) => (step.kind === 'loop' ? `loop(${stepWords(step.steps)})` : step.kind)).join(', ');
}

function targetLine(scenario: Scenario): string {
  const { target } = scenario;
  if (target.kind === 'lab') return `a throwaway lab ${target.server} (${target.variant})${target.federateWith ? ` federating with a lab ${target.federateWith}` : ''}`;
  const where = target.host ? `at ${target.host}:${target.port ?? 'the default port'}` : '(host and port from DNS SRV)';
  const second = target.federateWith ? `, federating with ${target.federateWith.domain}${target.federateWith.host ? ` at ${target.federateWith.host}:${target.federateWith.port ?? 'the default port'}` : ''}` : '';
  return `${target.domains.join(', ')} ${where}, tls ${target.tls}${target.ca ? `, trusting ${target.ca}` : ''}${second}`;
}

export function outlineScenario(scenario: Scenario): string {
  const lines = [`${scenario.name}: valid`, `  target    ${targetLine(scenario)}`];
  if (scenario.accounts) {
    const count = 'count' in scenario.accounts ? ` × ${scenario.accounts.count}` : '';
    lines.push(`  accounts  ${scenario.accounts.source}${count}${scenario.accounts.cleanup ? ', removed afterwards' : ''}`);
  }
  if (scenario.flow.length > 0) {
    scenario.load.phases.forEach((phase, index) => lines.push(`  phase ${index + 1}   ${phase.name} (${phase.executor}): ${phaseLine(phase)}`));
    lines.push(`  flow      ${stepWords(scenario.flow)}`);
  }
  scenario.httpLoad.forEach((phase, index) => lines.push(`  http ${index + 1}    ${httpLine(phase)}`));
  const thresholds = Object.entries(scenario.thresholds ?? {});
  lines.push(`  checks    ${scenario.checks ? 'conformance checks selected' : 'none'}`);
  lines.push(`  pass if   ${thresholds.length === 0 ? 'run health holds (no thresholds)' : `run health holds and ${thresholds.map(([metric]) => metric).join(', ')} meet their thresholds`}`);
  return `${lines.join('\n')}\n`;
}
