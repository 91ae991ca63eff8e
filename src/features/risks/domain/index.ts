export * from '../../../domain/time/local-day.js';
export * from './categories.js';
export * from './history.js';
export * from './input.js';
export * from './review.js';
export * from './risk.js';
export * from './scoring.js';
