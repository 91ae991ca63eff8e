/**
 * Work started after Slack was acknowledged; shutdown waits for it so nothing is cut off mid-write. `run` starts the
 * task on the next turn of the event loop (setImmediate), after the I/O already waiting: envelopes that arrived
 * meanwhile are read and acked first, instead of waiting behind this work in the same tick.
 */
export interface InFlight {
  run(task: () => Promise<unknown>): void;
  /** Counts `work` as in flight until it settles; its result and errors stay the caller's. */
  track<T>(work: Promise<T>): Promise<T>;
  drain(): Promise<void>;
  readonly size: number;
}

export function createInFlight(onError: (error: unknown) => void): InFlight {
  const pending = new Set<Promise<unknown>>();
  return {
    run(task) {
      const promise = new Promise<void>((started) => setImmediate(started))
        .then(task)
        .catch(onError)
        .finally(() => pending.delete(promise));
      pending.add(promise);
    },
    track(work) {
      const settled = work.then(
        () => undefined,
        () => undefined,
      );
      const entry = settled.finally(() => pending.delete(entry));
      pending.add(entry);
      return work;
    },
    async drain() {
      while (pending.size > 0) await Promise.allSettled([...pending]);
    },
    get size() {
      return pending.size;
    },
  };
}
