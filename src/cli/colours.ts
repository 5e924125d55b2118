import { Chalk, chalkStderr, default as chalk, type ChalkInstance } from 'chalk';

/** NO_COLOR (https://no-color.org): any non-empty value turns colour off, whatever the terminal. */
const noColor = (env: NodeJS.ProcessEnv = process.env): boolean => (env.NO_COLOR ?? '') !== '';

/** Colour for what goes to stdout: decided per stream, off under NO_COLOR. */
export function stdoutPaint(env?: NodeJS.ProcessEnv): ChalkInstance {
  return noColor(env) ? new Chalk({ level: 0 }) : chalk;
}

/** Colour for what goes to stderr (progress, errors, hints). */
export function stderrPaint(env?: NodeJS.ProcessEnv): ChalkInstance {
  return noColor(env) ? new Chalk({ level: 0 }) : chalkStderr;
}
