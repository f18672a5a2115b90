import { berlinWallTime } from '../../src/features/meetings/when.js';

/** "25.11.2026 23:40", as a coordinator would type a time `minutes` from now (Berlin). */
export function inMinutes(minutes: number): string {
  const w = berlinWallTime(new Date(Date.now() + minutes * 60_000));
  const two = (n: number) => String(n).padStart(2, '0');
  return `${w.day}.${w.month}.${w.year} ${two(w.hour)}:${two(w.minute)}`;
}
