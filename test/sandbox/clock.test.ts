import { describe, expect, it } from 'vitest';
import { createSandboxClock, nextStop } from '../../src/sandbox/clock.js';

describe('the sandbox clock', () => {
  it('runs with the machine from its start and only ever moves forward', () => {
    let machine = Date.parse('2026-12-02T10:00:00Z');
    const clock = createSandboxClock(new Date('2026-11-02T09:00:00Z'), () => machine);
    machine += 60_000;
    expect(clock.now().toISOString()).toBe('2026-11-02T09:01:00.000Z');
    expect(clock.advanceTo(new Date('2026-11-03T09:01:00Z'))).toBe(86_400_000);
    expect(clock.advanceTo(new Date('2026-11-01T00:00:00Z'))).toBe(0);
    expect(clock.now().toISOString()).toBe('2026-11-03T09:01:00.000Z');
  });

  it('picks the earliest stop after now', () => {
    const now = new Date('2026-11-02T09:00:00Z');
    const stops = [
      { at: new Date('2026-11-24T09:00:00Z'), label: 'GTM review in #gtm-review' },
      { at: new Date('2026-11-02T09:00:00Z'), label: 'due right now: already run' },
      { at: new Date('2026-11-04T00:00:00Z'), label: 'SLA reminder for Acme' },
    ];
    expect(nextStop(stops, now)?.label).toBe('SLA reminder for Acme');
    expect(nextStop([], now)).toBeUndefined();
  });
});
