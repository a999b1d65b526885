// Every wait of the live stack is bounded and says what it waited for: a timeout names the
// condition and the last thing it saw, and each finished wait is logged with how long it took.

export interface WaitRecord {
  readonly what: string;
  readonly ms: number;
}

export class WaitLog {
  readonly records: WaitRecord[] = [];

  /** Polls `probe` every `intervalMs` until it returns a value other than undefined. */
  async until<T>(
    what: string,
    probe: () => Promise<T | undefined> | T | undefined,
    options: { timeoutMs: number; intervalMs?: number; describe?: () => string },
  ): Promise<T> {
    const started = Date.now();
    const interval = options.intervalMs ?? 250;
    let last = '';
    for (let attempt = 0; ; attempt++) {
      try {
        const value = await probe();
        if (value !== undefined) {
          this.records.push({ what, ms: Date.now() - started });
          return value;
        }
        last = '';
      } catch (error) {
        last = error instanceof Error ? error.message : String(error);
      }
      const elapsed = Date.now() - started;
      if (elapsed >= options.timeoutMs) {
        const seen = options.describe?.() ?? last;
        throw new Error(
          `timed out after ${(elapsed / 1000).toFixed(1)}s (${attempt + 1} checks) waiting for ${what}${seen ? `; last seen: ${seen}` : ''}`,
        );
      }
      await sleep(Math.min(interval, options.timeoutMs - elapsed));
    }
  }

  /** One line per wait, for reports: `12.3s  HighErrorRatio reaches shop-pager`. */
  summary(): string {
    return this.records.map((r) => `${(r.ms / 1000).toFixed(1).padStart(6)}s  ${r.what}`).join('\n');
  }
}

export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/** Rejects after `ms` with a message naming `what`, unless `promise` settles first. */
export async function within<T>(what: string, ms: number, promise: Promise<T>): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`timed out after ${ms / 1000}s waiting for ${what}`)), ms);
  });
  try {
    return await Promise.race([promise, timeout]);
  } finally {
    clearTimeout(timer);
  }
}
