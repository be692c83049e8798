/**
 * One call waiting to run: scheduling again replaces the waiting one, so a burst of events
 * (map moves, keystrokes) ends in a single run once it settles.
 */
export class DeferredCall {
  private timer: number | null = null;

  constructor(private readonly run: () => void) {}

  schedule(delayMs: number): void {
    this.cancel();
    this.timer = window.setTimeout(() => {
      this.timer = null;
      this.run();
    }, delayMs);
  }

  cancel(): void {
    if (this.timer !== null) window.clearTimeout(this.timer);
    this.timer = null;
  }

  pending(): boolean {
    return this.timer !== null;
  }
}
