import { createCipheriv, createDecipheriv, createHash, randomBytes } from 'node:crypto';

/**
 * AES-256-GCM for what an installation holds (bot and refresh tokens). A sealed value is
 * `v1.<key id>.<iv>.<tag>.<ciphertext>` (base64url), the key id being the first bytes of the key's SHA-256, so a
 * value sealed under a retired key is still opened while that key is listed among the previous keys, and re-sealed
 * under the current one the next time it is written.
 */
export interface TokenCipher {
  seal(plain: string): string;
  open(sealed: string): string;
  /** True when `sealed` was made with the current key. */
  isCurrent(sealed: string): boolean;
}

export class TokenCipherError extends Error {
  override name = 'TokenCipherError';
}

/** A key is 32 bytes, given as 64 hex digits or as base64 (`openssl rand -base64 32`). */
export function parseKey(text: string): Buffer | undefined {
  const trimmed = text.trim();
  const key = /^[0-9a-f]{64}$/i.test(trimmed) ? Buffer.from(trimmed, 'hex') : Buffer.from(trimmed, 'base64');
  return key.length === 32 ? key : undefined;
}

const keyId = (key: Buffer) => createHash('sha256').update(key).digest('base64url').slice(0, 8);

export function createTokenCipher(current: Buffer, previous: Buffer[] = []): TokenCipher {
  const keys = new Map<string, Buffer>();
  for (const key of [current, ...previous]) keys.set(keyId(key), key);
  const currentId = keyId(current);
  return {
    seal(plain) {
      const iv = randomBytes(12);
      const cipher = createCipheriv('aes-256-gcm', current, iv);
      const data = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
      const parts = [iv, cipher.getAuthTag(), data].map((b) => b.toString('base64url'));
      return ['v1', currentId, ...parts].join('.');
    },
    open(sealed) {
      const [version, id, iv, tag, data] = sealed.split('.');
      if (version !== 'v1' || !id || !iv || !tag || data === undefined) {
        throw new TokenCipherError('a stored token is not in the sealed format');
      }
      const key = keys.get(id);
      if (!key) {
        throw new TokenCipherError(
          `a stored token was sealed with a key that is not configured (key id ${id}): add it to TOKEN_ENCRYPTION_PREVIOUS_KEYS`,
        );
      }
      try {
        const decipher = createDecipheriv('aes-256-gcm', key, Buffer.from(iv, 'base64url'));
        decipher.setAuthTag(Buffer.from(tag, 'base64url'));
        return Buffer.concat([decipher.update(Buffer.from(data, 'base64url')), decipher.final()]).toString('utf8');
      } catch {
        throw new TokenCipherError(`a stored token does not open with key ${id}: it was altered or the key is wrong`);
      }
    },
    isCurrent: (sealed) => sealed.split('.')[1] === currentId,
  };
}
