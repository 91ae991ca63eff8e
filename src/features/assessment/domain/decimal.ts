/**
 * One-decimal arithmetic without floating noise. Scores, means and thresholds in this domain
 * are compared and subtracted as integer counts of tenths.
 */

/**
 * Integer tenths of a value that is already on the one-decimal grid (3.5 -> 35).
 * Throws RangeError for non-finite values or values with more than one decimal (3.55).
 */
export function toTenths(value: number): number {
  if (!Number.isFinite(value)) throw new RangeError(`Expected a finite number, got ${String(value)}`);
  const scaled = value * 10;
  const tenths = Math.round(scaled);
  if (Math.abs(scaled - tenths) > 1e-6) {
    throw new RangeError(`Expected a value rounded to one decimal, got ${value}`);
  }
  return tenths + 0; // +0 turns -0 into 0
}

export function fromTenths(tenths: number): number {
  return tenths / 10 + 0;
}

/**
 * Round half up (towards +infinity on a tie) to one decimal: 4.55 -> 4.6, 4.45 -> 4.5,
 * 2.45 -> 2.5, 1.05 -> 1.1. The value times ten is first snapped to 12 significant digits,
 * which removes binary representation error (4.55 is stored as 4.5499999...) before the tie test.
 */
export function roundHalfUp1(value: number): number {
  if (!Number.isFinite(value)) throw new RangeError(`Expected a finite number, got ${String(value)}`);
  const scaled = Number((value * 10).toPrecision(12));
  return fromTenths(Math.floor(scaled + 0.5));
}

/**
 * Tenths of numerator/denominator rounded half up, in exact integer arithmetic
 * (91 / 20 = 4.55 -> 46). Both arguments must be safe integers, denominator > 0.
 */
export function ratioTenthsHalfUp(numerator: number, denominator: number): number {
  if (!Number.isSafeInteger(numerator) || !Number.isSafeInteger(denominator) || denominator <= 0) {
    throw new RangeError(`Expected integers with a positive denominator, got ${numerator}/${denominator}`);
  }
  return Math.floor((20 * numerator + denominator) / (2 * denominator)) + 0;
}
