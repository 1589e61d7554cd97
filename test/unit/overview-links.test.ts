import type { OverviewLink } from '../../src/cards/overview-action';
import { canPrintIn, openedOutsideTeams } from '../../src/tab/where';
import { localOverviewLinks, personalChatLink, teamsOverviewLinks } from '../../src/web/overview-links';
import { localLinks } from '../../src/web/tab-tokens';
import { sampleGroup } from '../support/card-gallery';

const APP = '7d1e2f3a-4b5c-4d6e-8f90-a1b2c3d4e5f6';

describe('"Åbn overblik" links', () => {
  const urlOf = (link: OverviewLink | undefined): URL => new URL(link && 'url' in link ? link.url : '');
  const saved = { overviewTab: { savedAt: '2026-11-26T09:00:00.000Z' } };

  it('in Teams, deep-link to the overview tab in the group chat (contextType chat, webUrl fallback)', async () => {
    const group = {
      ...sampleGroup(),
      ...saved,
      conversation: { conversation: { id: '19:abc@thread.v2', conversationType: 'groupChat' } },
    };
    const url = urlOf(await teamsOverviewLinks(APP, 'https://bot.example/tab/overview.html')(group, 'u1'));
    expect(url.origin + url.pathname).toBe(
      `https://teams.microsoft.com/l/entity/${APP}/erfaringsgruppe-overblik`,
    );
    expect(JSON.parse(url.searchParams.get('context')!)).toEqual({
      chatId: '19:abc@thread.v2',
      contextType: 'chat',
    });
    // Opened in a browser, the fallback page says the overview needs Teams instead of waiting for it.
    expect(url.searchParams.get('webUrl')).toBe('https://bot.example/tab/overview.html?outside=teams');
    expect(openedOutsideTeams(new URL(url.searchParams.get('webUrl')!).search, false)).toBe(true);
    expect(openedOutsideTeams('?outside=teams', true)).toBe(false);
    expect(openedOutsideTeams('?group=g1', false)).toBe(false);
    expect(url.href.length).toBeLessThan(1800);
  });

  it('before the tab is in the chat, offer a hint instead of a link that leads nowhere', async () => {
    const group = {
      ...sampleGroup(),
      conversation: { conversation: { id: '19:abc@thread.v2', conversationType: 'groupChat' } },
    };
    expect(await teamsOverviewLinks(APP)(group, 'u1')).toEqual({ addTab: true });
  });

  it("in a channel, open the channel's tab, not a thread", async () => {
    const conversation = { id: '19:chan@thread.tacv2;messageid=1700000000000', conversationType: 'channel' };
    const url = urlOf(
      await teamsOverviewLinks(APP)({ ...sampleGroup(), ...saved, conversation: { conversation } }, 'u1'),
    );
    expect(JSON.parse(url.searchParams.get('context')!)).toEqual({ channelId: '19:chan@thread.tacv2' });
  });

  it('locally, link to the page with a token for exactly this group', async () => {
    const links = localLinks();
    const group = sampleGroup();
    const asker = group.members[0].userId;
    const url = urlOf(await localOverviewLinks('http://localhost:3978', links)(group, asker));
    expect(url.pathname).toBe('/tab/overview.html');
    expect(url.searchParams.get('group')).toBe(group.key);
    const reader = await links.verify(url.hash.replace('#token=', ''));
    expect(reader).toMatchObject({ onlyGroup: group.key, tenantId: group.tenantId, userId: asker });
  });

  it('links the personal chat with the bot, where `mine data` works, by the id deep links use', () => {
    const url = new URL(personalChatLink(APP, '11111111-2222-4333-8444-555555555555'));
    expect(url.origin + url.pathname).toBe(`https://teams.microsoft.com/l/entity/${APP}/conversations`);
    expect(url.searchParams.get('tenantId')).toBe('11111111-2222-4333-8444-555555555555');
  });

  it('offers Print where window.print() works: a browser or Teams on a computer, not Teams on a phone', () => {
    for (const client of [undefined, 'desktop', 'web', 'teamsRoomsWindows'])
      expect(canPrintIn(client)).toBe(true);
    for (const client of ['android', 'ios', 'ipados']) expect(canPrintIn(client)).toBe(false);
  });
});
