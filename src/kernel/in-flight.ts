/** Work started after Slack was acknowledged; shutdown waits for it so nothing is cut off mid-write. */
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
      const promise = Promise.resolve()
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
