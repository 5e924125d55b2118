/**
 * The parts of hdr-histogram-js we use, imported from their own modules: the package index also
 * loads its WebAssembly build and pako, about 8 MB of RSS in every tool process for code we never
 * run (we use the JS histograms, and the encoding module compresses with node:zlib). Same V2
 * compressed format as the package's encodeIntoCompressedBase64 / decodeFromCompressedBase64.
 */
import type { JsHistogram } from 'hdr-histogram-js/dist/JsHistogram.js';
import { constructorFromBucketSize } from 'hdr-histogram-js/dist/JsHistogramFactory.js';
// Importing this module also adds encodeIntoCompressedBase64 to JsHistogram.prototype.
import { decompress, doDecode } from 'hdr-histogram-js/dist/JsHistogram.encoding.js';

export type { JsHistogram as Histogram };

/** 32-bit counts: a latency bucket can hold up to 2^31 samples. */
const Int32Histogram = constructorFromBucketSize(32);

export function createHistogram(lowest: number, highest: number, significantDigits: number): JsHistogram {
  const histogram = new Int32Histogram(lowest, highest, significantDigits);
  histogram.autoResize = false;
  return histogram;
}

export function encodeCompressed(histogram: JsHistogram): string {
  return histogram.encodeIntoCompressedBase64();
}

export function decodeCompressed(encoded: string, minHighestTrackable: number): JsHistogram {
  const histogram = doDecode(decompress(Buffer.from(encoded.trim(), 'base64')), 32, minHighestTrackable);
  histogram.autoResize = false;
  return histogram;
}
