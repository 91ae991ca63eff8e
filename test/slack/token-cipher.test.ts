import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { createTokenCipher, parseKey, TokenCipherError } from '../../src/slack/installations/token-cipher.js';

const key = () => randomBytes(32);

describe('the token cipher', () => {
  it('opens what it sealed; the sealed text shows nothing of the token and differs every time', () => {
    const cipher = createTokenCipher(key());
    const a = cipher.seal('xoxb-1234-secret');
    const b = cipher.seal('xoxb-1234-secret');
    expect(a).not.toBe(b);
    expect(a).not.toContain('xoxb');
    expect(cipher.open(a)).toBe('xoxb-1234-secret');
    expect(cipher.isCurrent(a)).toBe(true);
  });

  it('refuses a value that was altered', () => {
    const cipher = createTokenCipher(key());
    const sealed = cipher.seal('xoxb-1234-secret');
    const parts = sealed.split('.');
    const data = Buffer.from(parts[4]!, 'base64url');
    data[0] = data[0]! ^ 1;
    parts[4] = data.toString('base64url');
    expect(() => cipher.open(parts.join('.'))).toThrow(/altered or the key is wrong/);
    expect(() => cipher.open('xoxb-plain')).toThrow(TokenCipherError);
  });

  it('rotation: a value sealed under a previous key opens while that key is listed, and is not current', () => {
    const old = key();
    const sealedOld = createTokenCipher(old).seal('xoxb-old');
    const rotated = createTokenCipher(key(), [old]);
    expect(rotated.open(sealedOld)).toBe('xoxb-old');
    expect(rotated.isCurrent(sealedOld)).toBe(false);
    expect(() => createTokenCipher(key()).open(sealedOld)).toThrow(/TOKEN_ENCRYPTION_PREVIOUS_KEYS/);
  });

  it('reads keys as 64 hex digits or base64 of 32 bytes, and nothing else', () => {
    const raw = key();
    expect(parseKey(raw.toString('hex'))).toEqual(raw);
    expect(parseKey(` ${raw.toString('base64')} `)).toEqual(raw);
    expect(parseKey('too-short')).toBeUndefined();
    expect(parseKey(randomBytes(16).toString('base64'))).toBeUndefined();
  });
});
