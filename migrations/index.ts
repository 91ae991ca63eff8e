// Every migration, by name; names sort in the order they apply. Listed statically so tsx, vitest and a bundler all see them.
import * as foundation from './2026-11-23T00-foundation.js';

export const migrations = {
  '2026-11-23T00-foundation': foundation,
};
