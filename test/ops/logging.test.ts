import { describe, expect, it } from 'vitest';
import { createLogger, type LogLevelName } from '../../src/logging/logger.js';
import { redactSecrets } from '../../src/logging/redact.js';

function capture(level: LogLevelName, name?: string) {
  const lines: Array<{ line: string; level: LogLevelName }> = [];
  const logger = createLogger({ level, ...(name ? { name } : {}), sink: (line, l) => lines.push({ line, level: l }) });
  const entries = () => lines.map(({ line }) => JSON.parse(line) as Record<string, unknown>);
  return { logger, lines, entries };
}

describe('createLogger', () => {
  it('writes one JSON object per line with time, level, logger, msg and the fields', () => {
    const { logger, lines, entries } = capture('debug');
    logger.info('assessment posted', { channel: 'C0GENERAL', score: 42, nested: { ok: true } });
    logger.warn('slow', { ms: 1200 });

    expect(lines).toHaveLength(2);
    for (const { line } of lines) {
      expect(line).not.toContain('\n');
      expect(() => JSON.parse(line)).not.toThrow();
    }
    const [first, second] = entries();
    expect(first).toEqual({
      time: expect.any(String),
      level: 'info',
      logger: 'loopkeeper',
      msg: 'assessment posted',
      channel: 'C0GENERAL',
      score: 42,
      nested: { ok: true },
    });
    expect(new Date(first!.time as string).toISOString()).toBe(first!.time);
    expect(Object.keys(first!).slice(0, 4)).toEqual(['time', 'level', 'logger', 'msg']);
    expect(second).toMatchObject({ level: 'warn', msg: 'slow', ms: 1200 });
    expect(lines.map((l) => l.level)).toEqual(['info', 'warn']);
  });

  it('keeps a message with newlines on one line', () => {
    const { logger, lines, entries } = capture('info');
    logger.info('first line\nsecond line', { detail: 'a\nb' });
    expect(lines).toHaveLength(1);
    expect(lines[0]!.line).not.toContain('\n');
    expect(entries()[0]).toMatchObject({ msg: 'first line\nsecond line', detail: 'a\nb' });
  });

  it('drops levels below the configured one', () => {
    const { logger, entries } = capture('warn');
    logger.debug('d');
    logger.info('i');
    logger.warn('w');
    logger.error('e');
    expect(entries().map((e) => [e.level, e.msg])).toEqual([
      ['warn', 'w'],
      ['error', 'e'],
    ]);

    const quiet = capture('error');
    quiet.logger.warn('w');
    quiet.logger.error('e');
    expect(quiet.entries().map((e) => e.msg)).toEqual(['e']);

    const chatty = capture('debug');
    chatty.logger.debug('d');
    expect(chatty.entries().map((e) => e.level)).toEqual(['debug']);
  });

  it('names child loggers after their parent and keeps the level and sink', () => {
    const { logger, entries } = capture('info', 'app');
    const child = logger.child('slack').child('socket');
    child.debug('hidden');
    child.info('connected');
    expect(entries()).toEqual([
      expect.objectContaining({ logger: 'app.slack.socket', msg: 'connected', level: 'info' }),
    ]);
  });

  it('serialises Errors with name and message (and stack)', () => {
    const { logger, entries } = capture('info');
    const error = new TypeError('channel_not_found');
    logger.error('posting failed', { error, plain: 'text' });
    const [entry] = entries();
    expect(entry!.error).toMatchObject({ name: 'TypeError', message: 'channel_not_found' });
    expect((entry!.error as { stack: string }).stack).toContain('TypeError: channel_not_found');
    expect(entry!.plain).toBe('text');
  });

  describe('redacts secrets anywhere in the line', () => {
    const BOT = 'xoxb-1234567890-0987654321-AbCdEfGhIjKlMnOp';
    const APP = 'xapp-1-A0LOOPAPP-1234567890-abcdef0123456789';
    const USER = 'xoxp-1111-2222-3333-abcdef';
    const BEARER = 'Bearer s3cr3t.t0ken_value';

    it('in the message', () => {
      const { logger, lines } = capture('debug');
      logger.info(`calling auth.test with ${BOT}, app ${APP}, user ${USER}; Authorization: ${BEARER}`);
      expect(lines).toHaveLength(1);
      const { line } = lines[0]!;
      for (const secret of [BOT, APP, USER, 's3cr3t.t0ken_value']) expect(line).not.toContain(secret);
      const msg = JSON.parse(line).msg as string;
      expect(msg).toContain('xoxb-[redacted]');
      expect(msg).toContain('xapp-[redacted]');
      expect(msg).toContain('xoxp-[redacted]');
      expect(msg).toContain('Bearer [redacted]');
      expect(msg).toMatch(/^calling auth\.test with /);
    });

    it('in fields, nested objects, arrays and Error messages', () => {
      const { logger, lines } = capture('debug');
      logger.error('request failed', {
        token: BOT,
        headers: { authorization: BEARER, 'x-app': APP },
        list: [USER, 'harmless'],
        error: new Error(`invalid_auth for ${BOT}`),
      });
      expect(lines).toHaveLength(1);
      const { line } = lines[0]!;
      for (const secret of [BOT, APP, USER, 's3cr3t.t0ken_value']) expect(line).not.toContain(secret);
      const entry = JSON.parse(line);
      expect(entry.token).toBe('xoxb-[redacted]');
      expect(entry.headers).toEqual({ authorization: 'Bearer [redacted]', 'x-app': 'xapp-[redacted]' });
      expect(entry.list).toEqual(['xoxp-[redacted]', 'harmless']);
      expect(entry.error.message).toBe('invalid_auth for xoxb-[redacted]');
      expect(entry.error.stack).not.toContain(BOT);
    });

    it('in field names too', () => {
      const { logger, lines } = capture('debug');
      logger.info('odd', { [BOT]: 1 });
      expect(lines[0]!.line).not.toContain(BOT);
    });
  });
});

describe('redactSecrets', () => {
  it.each([
    ['xoxb-1-2-abc', 'xoxb-[redacted]'],
    ['xoxp-1-2-abc', 'xoxp-[redacted]'],
    ['xoxa-2-abc', 'xoxa-[redacted]'],
    ['xapp-1-A1-2-abc', 'xapp-[redacted]'],
    ['xoxe.xoxp-1-abc', 'xoxe.xoxp-[redacted]'],
    ['bearer abc.def', 'bearer [redacted]'],
    ['"Authorization":"Bearer abc"', '"Authorization":"Bearer [redacted]"'],
  ])('%j -> %j', (input, output) => {
    expect(redactSecrets(input)).toBe(output);
  });

  it('leaves ordinary text alone', () => {
    const text = 'posted to C0GENERAL at 1700000000.000100 by U0ALICE (xoxo!)';
    expect(redactSecrets(text)).toBe(text);
  });
});
