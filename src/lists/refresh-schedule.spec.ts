import { loadConfig } from '../config/config';
import { RefreshSchedule } from './refresh-schedule';

describe('scheduled list refresh', () => {
  beforeEach(() => jest.useFakeTimers({ now: new Date('2026-12-01T00:00:00Z') }));
  afterEach(() => jest.useRealTimers());

  const HOUR = 3_600_000;
  const schedule = (refresh: () => Promise<void>, random = () => 0.5) =>
    new RefreshSchedule(refresh, {
      intervalMs: 12 * HOUR,
      random,
      now: Date.now,
      setTimer: (fn, ms) => setTimeout(fn, ms),
      clearTimer: (t) => clearTimeout(t as NodeJS.Timeout),
    });

  it('runs every interval, moved by up to ±10 % jitter', async () => {
    const runs: number[] = [];
    const s = schedule(
      async () => void runs.push(Date.now()),
      () => 1,
    );
    s.start();
    expect(s.state.nextAt).toBe(new Date(Date.parse('2026-12-01T00:00:00Z') + 13.2 * HOUR).toISOString());
    await jest.advanceTimersByTimeAsync(13.2 * HOUR - 1);
    expect(runs).toHaveLength(0);
    await jest.advanceTimersByTimeAsync(1);
    expect(runs).toHaveLength(1);
    expect(s.state.lastSuccessAt).toBe(new Date(runs[0]).toISOString());
    const low = schedule(
      async () => undefined,
      () => 0,
    );
    expect(low.nextDelayMs()).toBe(10.8 * HOUR);
    s.stop();
    await jest.advanceTimersByTimeAsync(48 * HOUR);
    expect(runs).toHaveLength(1);
  });

  it('after a failure keeps the error and its time, retries with exponential backoff up to the interval, and a success clears it', async () => {
    let fail = true;
    const at: number[] = [];
    const s = schedule(async () => {
      at.push(Date.now());
      if (fail) throw new Error('CSL: could not download');
    });
    s.start();
    await jest.advanceTimersByTimeAsync(12 * HOUR);
    expect(s.state).toMatchObject({ failures: 1, lastError: 'CSL: could not download', lastErrorAt: new Date(at[0]).toISOString(), lastSuccessAt: null });
    const gaps: number[] = [];
    for (let i = 0; i < 11; i++) {
      const before = at.length;
      await jest.advanceTimersByTimeAsync(s.nextDelayMs());
      expect(at.length).toBe(before + 1);
      gaps.push((at[at.length - 1] - at[at.length - 2]) / 60_000);
    }
    expect(gaps.slice(0, 6)).toEqual([1, 2, 4, 8, 16, 32]);
    expect(Math.max(...gaps)).toBe(720); // capped at the interval
    fail = false;
    await jest.advanceTimersByTimeAsync(s.nextDelayMs());
    expect(s.state).toMatchObject({ failures: 0, lastError: null, lastErrorAt: null });
    expect(s.nextDelayMs()).toBe(12 * HOUR);
    s.stop();
  });

  it('a failure recorded from outside (the first download at start) is retried after the first backoff', async () => {
    const runs: number[] = [];
    const s = schedule(async () => void runs.push(Date.now()));
    s.record(new Error('no internet'));
    s.start();
    expect(s.state.failures).toBe(1);
    await jest.advanceTimersByTimeAsync(60_000);
    expect(runs).toHaveLength(1);
    expect(s.state.failures).toBe(0);
    s.stop();
  });
});

describe('LIST_REFRESH_INTERVAL', () => {
  const interval = (v?: string) => loadConfig({ LIST_REFRESH_INTERVAL: v }).listRefresh;
  it('defaults to 12 h, takes off and durations, and refuses anything else with one line naming it', () => {
    expect(interval()).toBe(12 * 3_600_000);
    expect(interval('off')).toBe('off');
    expect([interval('30m'), interval('1d'), interval('90s'), interval('6')]).toEqual([1_800_000, 86_400_000, 90_000, 6 * 3_600_000]);
    expect(() => interval('soon')).toThrow(/^Invalid configuration: LIST_REFRESH_INTERVAL must be off or a duration/);
    expect(() => interval('10s')).toThrow(/LIST_REFRESH_INTERVAL must be between 1m and 30d/);
    expect(loadConfig({ LIST_DOWNLOAD_TIMEOUT_SECONDS_un: '15' }).listDownloadTimeouts).toEqual({ UN: 15 });
  });
});
