import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { runMqaImport } from '../../src/cli/mqa-import.js';
import { openDatabase } from '../../src/db/open-database.js';
import { type TestDatabase, testDatabase } from '../helpers/test-database.js';

const databases: TestDatabase[] = [];
afterEach(async () => {
  for (const database of databases.splice(0)) await database.dispose();
});

async function workspace() {
  const database = await testDatabase({ migrated: false });
  databases.push(database);
  const { dir } = database;
  const out: string[] = [];
  const err: string[] = [];
  return {
    url: database.url,
    file: (name: string, text: string) => {
      const path = join(dir, name);
      writeFileSync(path, text);
      return path;
    },
    io: { stdout: (t: string) => out.push(t), stderr: (t: string) => err.push(t) },
    out,
    err,
  };
}

async function rows(url: string) {
  const db = await openDatabase(url);
  try {
    return await db
      .selectFrom('mqa_items')
      .select(['account_name', 'domain', 'external_id', 'status', 'priority', 'evidence'])
      .orderBy('id')
      .execute();
  } finally {
    await db.destroy();
  }
}

const HEADER = 'account_name,domain,region,intent_topics,evidence,source,external_id\n';

describe('npm run mqa:import', () => {
  it('imports the example file: quoted commas, doubled quotes and newlines inside quotes', async () => {
    const w = await workspace();
    const code = await runMqaImport(['examples/mqa-import.csv', '--team', 'T0TEST'], w.url, w.io);
    expect(w.err.join('')).toBe('');
    expect(code).toBe(0);
    expect(w.out.join('')).toContain('3 new, 0 updated');
    const stored = await rows(w.url);
    expect(stored.map((r) => r.account_name)).toEqual(['Acme Analytics', 'Globex, Inc.', 'Initech']);
    expect(stored[0]?.evidence).toBe('Visited pricing 4x, downloaded the\nsecurity whitepaper');
    expect(stored[1]).toMatchObject({
      priority: 'high',
      evidence: 'Demo request from the VP Data: "we need this before Q3"',
    });
  });

  it('writes nothing when one row is bad and names its line (a multi-line field shifts the count)', async () => {
    const w = await workspace();
    const path = w.file(
      'bad.csv',
      HEADER +
        'Acme,acme.io,EMEA,,"two\nlines",intent_signal,x1\n' +
        'Broken,not a domain,EMEA,,,intent_signal,x2\n' +
        'Third,third.io,EMEA,,,telepathy,x3\n',
    );
    const code = await runMqaImport([path, '--team', 'T0TEST'], w.url, w.io);
    expect(code).toBe(1);
    const err = w.err.join('');
    // Lines as people count them in the file; the file by its name, not the folder it sits in.
    expect(err).toContain('bad.csv: 2 problems; nothing was imported.');
    expect(err).toContain('  line 4: domain must be a domain such as example.com\n');
    expect(err).toContain('  line 5: source must be one of');
    expect(err).not.toContain(path);
    expect(await rows(w.url)).toEqual([]);
  });

  it('re-import upserts by external id or domain: no duplicates, statuses kept', async () => {
    const w = await workspace();
    const first = w.file('a.csv', `${HEADER}Acme,acme.io,EMEA,,v1,intent_signal,x1\nBeta,beta.io,NA,,v1,engagement,\n`);
    expect(await runMqaImport([first, '--team', 'T0TEST'], w.url, w.io)).toBe(0);
    // Same external id with a new name and domain; Beta matched by domain and gains an external id; Gamma is new.
    const second = w.file(
      'b.csv',
      HEADER +
        'Acme Corp,acme.com,EMEA,,v2,intent_signal,x1\nBeta,beta.io,NA,,v2,engagement,x2\nGamma,gamma.io,NA,,v1,event,\n',
    );
    expect(await runMqaImport([second], w.url, w.io)).toBe(0);
    expect(w.out.at(-1)).toContain('1 new, 2 updated');
    expect(await rows(w.url)).toEqual([
      {
        account_name: 'Acme Corp',
        domain: 'acme.com',
        external_id: 'x1',
        status: 'in_review',
        priority: 'normal',
        evidence: 'v2',
      },
      {
        account_name: 'Beta',
        domain: 'beta.io',
        external_id: 'x2',
        status: 'in_review',
        priority: 'normal',
        evidence: 'v2',
      },
      {
        account_name: 'Gamma',
        domain: 'gamma.io',
        external_id: null,
        status: 'in_review',
        priority: 'normal',
        evidence: 'v1',
      },
    ]);
  });

  it('explains unknown columns and a missing file', async () => {
    const w = await workspace();
    const path = w.file('cols.csv', 'account,domain,source\nAcme,acme.io,event\n');
    expect(await runMqaImport([path, '--team', 'T0TEST'], w.url, w.io)).toBe(1);
    expect(w.err.join('')).toContain('  line 1: unknown column account; missing column account_name');
    expect(await runMqaImport([], w.url, w.io)).toBe(2);
    expect(w.err.join('')).toContain('Usage: npm run mqa:import');
  });
});

describe('npm run mqa:import with a semicolon-separated file', () => {
  it('says the file looks semicolon-separated and how to save it, and writes nothing', async () => {
    const w = await workspace();
    const path = w.file('excel.csv', 'account_name;domain;source\nAcme;acme.io;event\n');
    expect(await runMqaImport([path, '--team', 'T0TEST'], w.url, w.io)).toBe(1);
    const err = w.err.join('');
    expect(err).toContain('excel.csv: 1 problem; nothing was imported.');
    expect(err).toContain('  line 1: the file looks semicolon-separated');
    expect(err).toContain('commas between the fields');
    expect(err).not.toContain('unknown column');
    expect(await rows(w.url)).toEqual([]);
  });
});
