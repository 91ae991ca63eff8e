export * from './actor.js';
export * from './lifecycle.js';
export * from './routing.js';
export * from './business-days.js';
export * from './thread-reply.js';
export * from './item-input.js';
export * from './csv.js';
export * from './metrics.js';
