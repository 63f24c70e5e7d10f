// Graceful drain on shutdown (SIGTERM from App Service / Container Apps during a deploy or scale-in): from begin(),
// /readyz answers 503 so the load balancer stops sending, new turns are refused with 503 and Retry-After (the channel
// redelivers them, to another replica), and the turns already running finish; begin() resolves when none is left,
// or when the grace period is over.

export interface Drain {
  /** A turn is starting: its finish callback, or undefined when draining (refuse the turn). */
  admit(): (() => void) | undefined;
  draining(): boolean;
  /** How many turns are running now. */
  inFlight(): number;
  /** Stops admitting turns; resolves with how many were still running when it gave up waiting (0: all finished). */
  begin(graceMs: number): Promise<number>;
}

/** How long shutdown waits for running turns (App Service and Container Apps kill after about 30 s). */
export const DRAIN_GRACE_MS = 25_000;

/** Seconds a refused sender is told to wait before trying again (another replica takes it meanwhile). */
export const DRAIN_RETRY_AFTER_SECONDS = 2;

export function createDrain(): Drain {
  let draining = false;
  let running = 0;
  let idle: (() => void) | undefined;
  return {
    admit() {
      if (draining) return undefined;
      running++;
      let done = false;
      return () => {
        if (done) return;
        done = true;
        running--;
        if (running === 0) idle?.();
      };
    },
    draining: () => draining,
    inFlight: () => running,
    begin(graceMs) {
      draining = true;
      if (running === 0) return Promise.resolve(0);
      return new Promise((resolve) => {
        const timer = setTimeout(() => resolve(running), graceMs);
        idle = () => {
          clearTimeout(timer);
          resolve(0);
        };
      });
    },
  };
}

type ReadinessCheck = () => Promise<{ ready: boolean; facts: Record<string, unknown> }>;

/** /readyz while draining: not ready, with the reason and how many turns are still running. */
export function drainingReadiness(drain: Drain, ready: ReadinessCheck): ReadinessCheck {
  return async () => (drain.draining() ? { ready: false, facts: { reason: 'shutting down: finishing the turns in flight', inFlight: drain.inFlight() } } : ready());
}
