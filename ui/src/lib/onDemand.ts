// Parts of the app loaded the first time they are needed, each as a chunk of
// its own, so the first screen's script holds only what the first screen
// needs (it is parsed and run before anything is drawn).

export interface OnDemand<T> {
  /** Starts the load unless it has started; every caller shares it. A failed load can be tried again. */
  load(): Promise<T>;
  /** The value once it has arrived: a render cannot wait for a promise. */
  current(): T | null;
}

export function onDemand<T>(importer: () => Promise<T>): OnDemand<T> {
  let loading: Promise<T> | null = null;
  let loaded: { value: T } | null = null;
  return {
    load() {
      loading ??= importer().then(
        (value) => {
          loaded = { value };
          return value;
        },
        (reason: unknown) => {
          loading = null;
          throw reason;
        },
      );
      return loading;
    },
    current: () => loaded?.value ?? null,
  };
}
