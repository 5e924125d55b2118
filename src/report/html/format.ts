import { formatDuration } from '../../util/duration.js';

/** Milliseconds for people (`850µs`, `12.3ms`, `4.20s`). */
export function ms(value: number): string {
  return formatDuration(value);
}

/** A count with thin thousands separators, independent of the machine's locale. */
export function count(value: number): string {
  return Number.isInteger(value) ? value.toLocaleString('en-US') : String(Number(value.toFixed(3)));
}

/** Per second with one decimal; '-' when there was no time to divide by. */
export function rate(total: number, seconds: number): string {
  return seconds > 0 ? (total / seconds).toFixed(1) : '-';
}

/** ISO time as `2026-11-27 01:46:59 UTC` (reports are read in many time zones). */
export function utc(iso: string): string {
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? iso : `${date.toISOString().slice(0, 19).replace('T', ' ')} UTC`;
}

export function bytes(value: number): string {
  return value >= 1024 ** 3 ? `${(value / 1024 ** 3).toFixed(1)} GiB` : `${Math.round(value / 1024 ** 2)} MiB`;
}
