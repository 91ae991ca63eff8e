/** What a person types to confirm deleting the workspace's data: a word, not a click, so nobody does it by accident. */
export const DELETE_CONFIRMATION = 'DELETE';

/** Why the typed text does not confirm the deletion, or undefined when it does (exactly DELETE, spaces around ignored). */
export function confirmationProblem(typed: string | null): string | undefined {
  const text = (typed ?? '').trim();
  if (text === DELETE_CONFIRMATION) return undefined;
  if (text.toUpperCase() === DELETE_CONFIRMATION) {
    return `Type ${DELETE_CONFIRMATION} in capital letters to confirm. Nothing was deleted.`;
  }
  return `Type ${DELETE_CONFIRMATION} to confirm. Nothing was deleted.`;
}
