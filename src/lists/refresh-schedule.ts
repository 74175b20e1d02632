/**
 * The scheduled list refresh (LIST_REFRESH_INTERVAL): runs `refresh` every interval with jitter (so several
 * instances and services do not hit the official servers at the same moment); after a failure it retries with
 * exponential backoff (1 min, 2 min, 4 min … up to the interval). Plain TypeScript: the timer functions and the
 * random source are injectable for tests.
 */

export interface RefreshState {
  /** the last refresh that ended, and how */
  lastRunAt: string | null;
  lastSuccessAt: string | null;
  /** the error of the last refresh, while it is the latest (cleared by a success) */
  lastError: string | null;
  lastErrorAt: string | null;
  /** failed refreshes in a row */
  failures: number;
  nextAt: string | null;
}

export interface RefreshScheduleOptions {
  intervalMs: number;
  /** share of the interval (or backoff) by which a run moves earlier or later at random */
  jitter?: number;
  firstRetryMs?: number;
  random?: () => number;
  now?: () => number;
  setTimer?: (fn: () => void, ms: number) => unknown;
  clearTimer?: (t: unknown) => void;
}

export class RefreshSchedule {
  private timer: unknown;
  private stopped = true;
  private running: Promise<void> | undefined;
  private readonly o: Required<RefreshScheduleOptions>;
  readonly state: RefreshState = { lastRunAt: null, lastSuccessAt: null, lastError: null, lastErrorAt: null, failures: 0, nextAt: null };

  /** `refresh` resolves when the lists are current, and throws (with a message for /health) when the refresh failed. */
  constructor(
    private readonly refresh: () => Promise<void>,
    options: RefreshScheduleOptions,
  ) {
    this.o = {
      jitter: 0.1,
      firstRetryMs: 60_000,
      random: Math.random,
      now: Date.now,
      setTimer: (fn, ms) => {
        const t = setTimeout(fn, ms);
        t.unref();
        return t;
      },
      clearTimer: (t) => clearTimeout(t as NodeJS.Timeout),
      ...options,
    };
  }

  /** Starts the schedule: the first run one interval from now (or after a backoff when a failure is recorded). */
  start(): void {
    this.stopped = false;
    this.plan();
  }

  stop(): void {
    this.stopped = true;
    if (this.timer !== undefined) this.o.clearTimer(this.timer);
    this.timer = undefined;
    this.state.nextAt = null;
  }

  /** Records the outcome of a refresh made outside the schedule (the download on first start). */
  record(error?: unknown): void {
    const at = new Date(this.o.now()).toISOString();
    this.state.lastRunAt = at;
    if (error === undefined) {
      this.state.lastSuccessAt = at;
      this.state.lastError = null;
      this.state.lastErrorAt = null;
      this.state.failures = 0;
    } else {
      this.state.lastError = error instanceof Error ? error.message : String(error);
      this.state.lastErrorAt = at;
      this.state.failures++;
    }
    if (!this.stopped) this.plan();
  }

  /** Runs one refresh now (one at a time), records it and plans the next. */
  runNow(): Promise<void> {
    this.running ??= (async () => {
      try {
        await this.refresh();
        this.record();
      } catch (e) {
        this.record(e);
      } finally {
        this.running = undefined;
      }
    })();
    return this.running;
  }

  /** The delay before the next run: the interval, or the backoff after failures; moved by up to ±jitter. */
  nextDelayMs(): number {
    const base = this.state.failures ? Math.min(this.o.intervalMs, this.o.firstRetryMs * 2 ** (this.state.failures - 1)) : this.o.intervalMs;
    return Math.max(1000, Math.round(base * (1 + this.o.jitter * (2 * this.o.random() - 1))));
  }

  private plan(): void {
    if (this.timer !== undefined) this.o.clearTimer(this.timer);
    const delay = this.nextDelayMs();
    this.state.nextAt = new Date(this.o.now() + delay).toISOString();
    this.timer = this.o.setTimer(() => {
      this.timer = undefined;
      void this.runNow();
    }, delay);
  }
}
