import type { Clock } from '../../kernel/clock.js';
import type { HomeSection, HomeViewer } from '../home-section.js';
import type { HomeViewersRepository } from './repository.js';
import type { HomePart } from './slack/blocks/home.js';

export interface HomeServiceDeps {
  /** Every feature's Home sections, in feature order. */
  sections: () => HomeSection[];
  settings: {
    isAdmin(teamId: string, userId: string): Promise<boolean>;
    getSettings(teamId: string): Promise<{ timeZone: string }>;
  };
  viewers: HomeViewersRepository;
  clock: Clock;
}

/** Loads one person's App Home: who they are for it, and each section's content, all at once. */
export function createHomeService(deps: HomeServiceDeps) {
  const { clock } = deps;
  return {
    /** Remembers the viewer so team-wide refreshes reach them later. */
    opened: (teamId: string, userId: string) => deps.viewers.remember(teamId, userId, clock()),

    async load(teamId: string, userId: string): Promise<{ viewer: HomeViewer; parts: HomePart[] }> {
      const [isAdmin, settings] = await Promise.all([
        deps.settings.isAdmin(teamId, userId),
        deps.settings.getSettings(teamId),
      ]);
      const viewer: HomeViewer = { teamId, userId, isAdmin, now: clock(), timeZone: settings.timeZone };
      const sections = deps.sections();
      const contents = await Promise.all(sections.map((s) => s.load(viewer)));
      return { viewer, parts: sections.map((section, i) => ({ section, content: contents[i]! })) };
    },
  };
}

export type HomeService = ReturnType<typeof createHomeService>;
