import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';

/** uPlot (MIT, ~50 KB minified): the charting library inlined into every report. */
export interface ChartLibrary {
  readonly script: string;
  readonly css: string;
}

let cached: ChartLibrary | undefined;

/** Reads uPlot's browser build from node_modules once per process. */
export function chartLibrary(): ChartLibrary {
  if (!cached) {
    const require = createRequire(import.meta.url);
    const read = (file: string) => readFileSync(require.resolve(`uplot/dist/${file}`), 'utf8');
    cached = { script: read('uPlot.iife.min.js'), css: read('uPlot.min.css') };
  }
  return cached;
}
