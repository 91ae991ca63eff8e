import { join } from 'node:path';
import { SlackDouble } from '../../test/slack-double/index.js';
import { tempDatabase } from '../apps.js';
import { childEnv, ROOT, spawnTsx } from '../child.js';
import { BENCH_TEAM } from './datasets.js';
import { type GenerateResult, generateDatabase } from './generate.js';
import type { MeasureOutput } from './measure-main.js';
import { HOME_VIEWER } from './measures.js';
import { BENCH_RITUAL_CHANNELS } from './rituals-dataset.js';

export interface DataScaleResult extends MeasureOutput {
  scale: number;
  generated: GenerateResult;
  /** What the Slack double received from the measures: posts per ritual channel (with their digest sections), Home publishes, violations. */
  slack: {
    posts: Array<{ channelId: string; messages: number; sections: string[] }>;
    homePublishes: number;
    violations: string[];
  };
}

/** The section titles of a ritual post: the bold first line of each section block between dividers. */
function sectionTitles(blocks: any[] | undefined): string[] {
  return (blocks ?? []).flatMap((b, i, all) => {
    if (b.type !== 'section' || all[i - 1]?.type !== 'divider') return [];
    const match = /^\*([^*]+)\*/.exec(String(b.text?.text ?? ''));
    return match ? [match[1] as string] : [];
  });
}

/**
 * Generates the database, then measures the views in a child process, so the peak RSS is theirs alone. The Slack
 * double runs here, in the parent: the child's posts and Home publishes reach it over loopback HTTP, and its Block
 * Kit checks apply to what the measures built.
 */
export async function measureDataScale(options: { scale: number }): Promise<DataScaleResult> {
  const database = tempDatabase('loopkeeper-bench-data-');
  const double = await SlackDouble.start({ teamId: BENCH_TEAM });
  try {
    for (const [i, id] of BENCH_RITUAL_CHANNELS.entries()) double.addChannel({ id, name: `gtm-ritual-${i}` });
    double.addUser({ id: HOME_VIEWER, name: 'sales-seven', tz: 'Europe/Berlin' });
    const generated = await generateDatabase(database.path, options.scale);
    const child = spawnTsx(
      join(ROOT, 'bench', 'data-scale', 'measure-main.ts'),
      childEnv({ SLACK_BOT_TOKEN: double.botToken, SLACK_API_URL: double.apiUrl }),
      [database.path],
    );
    const code = await child.closed();
    const line = child.stdout().trim().split('\n').at(-1) ?? '';
    if (code !== 0 || !line.startsWith('{'))
      throw new Error(`data-scale measures failed (exit ${code}):\n${child.stderr()}${child.stdout()}`);
    const slack = {
      posts: BENCH_RITUAL_CHANNELS.map((channelId) => {
        const messages = double.channel(channelId)?.messages ?? [];
        return { channelId, messages: messages.length, sections: sectionTitles(messages.at(-1)?.blocks) };
      }),
      homePublishes: double.callsTo('views.publish').length,
      violations: double.violations,
    };
    return { scale: options.scale, generated, ...(JSON.parse(line) as MeasureOutput), slack };
  } finally {
    await double.stop();
    database.remove();
  }
}
