export * from '../../../domain/time/calendar.js';
export * from './describe.js';
export * from './occurrences.js';
export * from './ritual.js';
export * from './validate.js';
export * from '../../../domain/time/zoned-time.js';
export * from './draft-choices.js';
export * from './occurrence-time.js';
