/**
 * Histogram binning for the time bar. Dates are ISO calendar dates; the bin width (day, month or
 * year) is picked from the span so the bar shows a readable number of bars whatever the case covers.
 */
export type BinUnit = 'day' | 'month' | 'year';

export interface TimeBin {
  start: string;
  /** Inclusive last day of the bin. */
  end: string;
  count: number;
}

const dayMs = 86_400_000;

export function toDayNumber(iso: string): number {
  return Math.floor(Date.parse(`${iso.slice(0, 10)}T00:00:00Z`) / dayMs);
}

export function fromDayNumber(day: number): string {
  return new Date(day * dayMs).toISOString().slice(0, 10);
}

export function binUnitFor(first: string, last: string): BinUnit {
  const span = toDayNumber(last) - toDayNumber(first);
  if (span <= 92) return 'day';
  if (span <= 366 * 5) return 'month';
  return 'year';
}

function floorDate(iso: string, unit: BinUnit): string {
  if (unit === 'day') return iso.slice(0, 10);
  if (unit === 'month') return `${iso.slice(0, 7)}-01`;
  return `${iso.slice(0, 4)}-01-01`;
}

function nextStart(start: string, unit: BinUnit): string {
  const d = new Date(`${start}T00:00:00Z`);
  if (unit === 'day') d.setUTCDate(d.getUTCDate() + 1);
  else if (unit === 'month') d.setUTCMonth(d.getUTCMonth() + 1);
  else d.setUTCFullYear(d.getUTCFullYear() + 1);
  return d.toISOString().slice(0, 10);
}

const validDate = (value: string) => /^\d{4}-\d{2}-\d{2}/.test(value) && !Number.isNaN(Date.parse(value.slice(0, 10)));

/** Every bin from the earliest to the latest date, empty ones included, so gaps in time show. */
export function binDates(dates: readonly (string | null | undefined)[]): { unit: BinUnit; bins: TimeBin[] } {
  const sorted = dates
    .filter((d): d is string => typeof d === 'string' && validDate(d))
    .map((d) => d.slice(0, 10))
    .sort();
  if (sorted.length === 0) return { unit: 'day', bins: [] };
  const unit = binUnitFor(sorted[0], sorted[sorted.length - 1]);
  const bins: TimeBin[] = [];
  const last = floorDate(sorted[sorted.length - 1], unit);
  for (let start = floorDate(sorted[0], unit); start <= last; start = nextStart(start, unit)) {
    bins.push({ start, end: fromDayNumber(toDayNumber(nextStart(start, unit)) - 1), count: 0 });
  }
  let i = 0;
  for (const date of sorted) {
    while (date > bins[i].end) i += 1;
    bins[i].count += 1;
  }
  return { unit, bins };
}

/** The date at a fraction (0..1) of the span covered by the bins, for the brush and the replay. */
export function dateAtFraction(bins: readonly TimeBin[], fraction: number): string | null {
  if (bins.length === 0) return null;
  const first = toDayNumber(bins[0].start);
  const last = toDayNumber(bins[bins.length - 1].end);
  const clamped = Math.min(1, Math.max(0, fraction));
  return fromDayNumber(Math.round(first + clamped * (last - first)));
}

export function fractionOfDate(bins: readonly TimeBin[], iso: string): number {
  if (bins.length === 0) return 0;
  const first = toDayNumber(bins[0].start);
  const last = toDayNumber(bins[bins.length - 1].end);
  return last === first ? 0 : Math.min(1, Math.max(0, (toDayNumber(iso) - first) / (last - first)));
}
