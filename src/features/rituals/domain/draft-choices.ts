import { type Cadence, defaultCadence, RITUAL_KINDS, type RitualKind } from './ritual.js';
import type { RitualDraft } from './validate.js';

/** The draft fields that make up a cadence; only the chosen cadence's own fields are set, the others are null. */
export type CadenceFields = Pick<
  RitualDraft,
  'cadenceType' | 'everyWeeks' | 'weekday' | 'anchorDate' | 'nth' | 'dayOfMonth'
>;

/** A cadence as the modal's fields show it. */
export function cadenceFields(cadence: Cadence): CadenceFields {
  return {
    cadenceType: cadence.type,
    everyWeeks: cadence.type === 'weekly' ? String(cadence.everyWeeks) : null,
    weekday: cadence.type === 'monthly_day' ? null : String(cadence.weekday),
    anchorDate: cadence.type === 'weekly' ? cadence.anchorDate : null,
    nth: cadence.type === 'monthly_weekday' ? (cadence.nth === -1 ? 'last' : String(cadence.nth)) : null,
    dayOfMonth: cadence.type === 'monthly_day' ? String(cadence.day) : null,
  };
}

const isKind = (kind: string | null): kind is RitualKind => RITUAL_KINDS.some((k) => k === kind);

/**
 * The draft after the person picks another cadence: the fields that cadence uses keep what was typed (the weekday
 * carries over between "every N weeks" and "nth weekday"), empty ones get the kind's defaults, and the fields only
 * the previous cadence used are dropped, so no "every 3 weeks" lingers on a monthly ritual.
 */
export function chooseCadence(draft: RitualDraft, cadenceType: string | null, today: string): RitualDraft {
  const kind = isKind(draft.kind) ? draft.kind : 'custom';
  const defaults = cadenceFields(defaultCadence(kind, draft.anchorDate ?? today));
  const keep = (field: keyof CadenceFields, fallback: string) =>
    draft[field] ?? (defaults.cadenceType === cadenceType ? defaults[field] : null) ?? fallback;
  const cleared: CadenceFields = {
    cadenceType,
    everyWeeks: null,
    weekday: null,
    anchorDate: null,
    nth: null,
    dayOfMonth: null,
  };
  switch (cadenceType) {
    case 'weekly':
      return {
        ...draft,
        ...cleared,
        everyWeeks: keep('everyWeeks', kind === 'gtm_review' ? '3' : '1'),
        weekday: keep('weekday', '2'),
        anchorDate: keep('anchorDate', today),
      };
    case 'monthly_weekday':
      return { ...draft, ...cleared, nth: keep('nth', '1'), weekday: keep('weekday', '4') };
    case 'monthly_day':
      return { ...draft, ...cleared, dayOfMonth: keep('dayOfMonth', '1') };
    default:
      return { ...draft, ...cleared };
  }
}
