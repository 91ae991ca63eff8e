import { z } from 'zod';

/** What a modal remembers about where it was opened, so answers go back to the right place. */
const schema = z.object({
  originChannelId: z.string().nullable(),
  responseUrl: z.string().nullable(),
});

export type ModalOrigin = z.infer<typeof schema>;

export const encodeOrigin = (origin: ModalOrigin) => JSON.stringify(origin);

export function decodeOrigin(privateMetadata: string | undefined): ModalOrigin {
  try {
    const parsed = schema.safeParse(JSON.parse(privateMetadata ?? ''));
    if (parsed.success) return parsed.data;
  } catch {
    // Not ours or empty: fall through to "nowhere".
  }
  return { originChannelId: null, responseUrl: null };
}
