import type { CoordinationStore } from '../domain/ports/graph-store.port.js';

// Work only one hub instance may do at a time (the chat bots, the timers) goes with a lease in
// the database. The holder renews it; when the holder dies, the lease runs out and another
// instance takes it over.

/** The lease of the instance that runs the chat bots and timers; a hub holds it while it runs. */
export const HUB_LEASE = 'chat-bots-and-timers';

export interface LeaseSettings {
  ttlMs: number;
  renewEveryMs: number;
}

export interface LeaseHandlers {
  acquired(): Promise<void>;
  lost(): Promise<void>;
}

export class LeaseKeeper {
  private held = false;
  private heldUntil = 0;
  private timer: ReturnType<typeof setInterval> | null = null;
  private turn: Promise<void> = Promise.resolve();

  constructor(
    private readonly store: { readonly coordination: CoordinationStore },
    private readonly name: string,
    readonly holder: string,
    private readonly settings: LeaseSettings,
    private readonly handlers: LeaseHandlers,
    private readonly log: (message: string) => void,
    private readonly now: () => Date = () => new Date(),
  ) {}

  get isHolder(): boolean {
    return this.held;
  }

  start(): Promise<void> {
    this.timer = setInterval(() => void this.check(), this.settings.renewEveryMs);
    return this.check();
  }

  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    await this.turn;
    if (!this.held) return;
    this.held = false;
    await this.handlers.lost();
    await this.store.coordination.releaseLease(this.name, this.holder).catch(() => undefined);
  }

  /** One renewal at a time, so a slow store never runs two hand-overs at once. */
  private check(): Promise<void> {
    this.turn = this.turn.then(() => this.renew());
    return this.turn;
  }

  private async renew(): Promise<void> {
    const now = this.now();
    let holds: boolean;
    try {
      holds = await this.store.coordination.holdLease(
        this.name,
        this.holder,
        new Date(now.getTime() + this.settings.ttlMs),
        now,
      );
      if (holds) this.heldUntil = now.getTime() + this.settings.ttlMs;
    } catch (error) {
      // Unable to renew: keep going until the lease would have run out for the others too.
      holds = this.held && now.getTime() < this.heldUntil - this.settings.renewEveryMs;
      this.log(`Renewing the ${this.name} lease failed: ${(error as Error).message}`);
    }
    if (holds === this.held) return;
    this.held = holds;
    try {
      await (holds ? this.handlers.acquired() : this.handlers.lost());
    } catch (error) {
      this.log(`Taking over ${this.name} failed: ${(error as Error).message}`);
    }
  }
}
