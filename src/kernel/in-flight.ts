/** Work started after Slack was acknowledged; shutdown waits for it so nothing is cut off mid-write. */
export interface InFlight {
  run(task: () => Promise<unknown>): void;
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
    async drain() {
      while (pending.size > 0) await Promise.allSettled([...pending]);
    },
    get size() {
      return pending.size;
    },
  };
}
