import { median, percentile, perSecond, round, summarize } from './stats';

describe('percentile (nearest rank)', () => {
  const hundred = Float64Array.from({ length: 100 }, (_, i) => i + 1);

  it('returns observed values at the nearest rank', () => {
    expect(percentile(hundred, 50)).toBe(50);
    expect(percentile(hundred, 95)).toBe(95);
    expect(percentile(hundred, 99)).toBe(99);
    expect(percentile(hundred, 100)).toBe(100);
    expect(percentile(hundred, 0.5)).toBe(1);
    expect(percentile([1, 2, 3, 4], 50)).toBe(2);
    expect(percentile([1, 2, 3, 4, 5], 50)).toBe(3);
    expect(percentile([7], 99)).toBe(7);
  });

  it('refuses no values and percentiles outside (0, 100]', () => {
    expect(() => percentile([], 50)).toThrow(RangeError);
    expect(() => percentile([1], 0)).toThrow(RangeError);
    expect(() => percentile([1], 101)).toThrow(RangeError);
  });
});

describe('summarize', () => {
  it('sorts a copy and reports count, mean and percentiles', () => {
    const samples = [5, 1, 4, 2, 3, 10, 9, 8, 7, 6];
    expect(summarize(samples)).toEqual({
      count: 10,
      meanMs: 5.5,
      p50Ms: 5,
      p95Ms: 10,
      p99Ms: 10,
      maxMs: 10,
    });
    expect(samples[0]).toBe(5);
  });

  it('rounds to the microsecond', () => {
    expect(summarize([1.23456]).p50Ms).toBe(1.235);
  });
});

describe('median, perSecond, round', () => {
  it('takes the middle value, or the mean of the two middle ones', () => {
    expect(median([3, 1, 2])).toBe(2);
    expect(median([4, 1, 3, 2])).toBe(2.5);
    expect(() => median([])).toThrow(RangeError);
  });

  it('turns a count over milliseconds into a whole rate per second', () => {
    expect(perSecond(5000, 2000)).toBe(2500);
    expect(perSecond(1, 3)).toBe(333);
    expect(() => perSecond(1, 0)).toThrow(RangeError);
  });

  it('rounds to the given digits', () => {
    expect(round(1.005, 1)).toBe(1);
    expect(round(2.675, 0)).toBe(3);
  });
});
