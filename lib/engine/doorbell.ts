/** Wakes idle workers in this process at once when work is queued (no polling delay). */
export class Doorbell {
  private waiters: (() => void)[] = [];
  private rung = false;

  ring(): void {
    this.rung = true;
    const waiters = this.waiters;
    this.waiters = [];
    for (const w of waiters) w();
  }

  /** Resolves at the next ring (or at once if one came since the last wait). */
  wait(): Promise<void> {
    if (this.rung) {
      this.rung = false;
      return Promise.resolve();
    }
    return new Promise((resolve) => this.waiters.push(resolve));
  }

  /** Forgets a ring nobody waited for (before re-checking the queue). */
  clear(): void {
    this.rung = false;
  }
}
