import type { Group } from '../domain/types';
import type { LocalLinks } from './tab-tokens';

/** The entity id the configurable tab saves (and the deep link opens). */
export const OVERVIEW_ENTITY_ID = 'erfaringsgruppe-overblik';

/** How the "Åbn overblik" button finds the overview of a group; undefined: no button. */
export type OverviewLinker = (group: Group) => Promise<string | undefined>;

function chatIdOf(group: Group): { id: string; channel: boolean } | undefined {
  const conversation = (group.conversation as { conversation?: { id?: unknown; conversationType?: unknown } })
    .conversation;
  if (typeof conversation?.id !== 'string') return undefined;
  return { id: conversation.id.split(';')[0], channel: conversation.conversationType === 'channel' };
}

/** In Teams: a deep link that opens the group's overview tab in its chat or channel. */
export function teamsOverviewLinks(teamsAppId: string): OverviewLinker {
  return async (group) => {
    const chat = chatIdOf(group);
    if (!chat) return undefined;
    const context = chat.channel ? { channelId: chat.id } : { chatId: chat.id };
    return (
      `https://teams.microsoft.com/l/entity/${encodeURIComponent(teamsAppId)}/${OVERVIEW_ENTITY_ID}` +
      `?context=${encodeURIComponent(JSON.stringify(context))}`
    );
  };
}

/**
 * Local mode (the playground has no tabs): a link to the page on this machine with a short-lived
 * signed token in the fragment (never sent to a server, so it does not end up in logs).
 */
export function localOverviewLinks(baseUrl: string, links: LocalLinks): OverviewLinker {
  return async (group) => {
    const token = await links.sign(group.key, group.tenantId);
    return `${baseUrl}/tab/overview.html?group=${encodeURIComponent(group.key)}#token=${token}`;
  };
}
