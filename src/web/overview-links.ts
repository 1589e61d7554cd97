import type { OverviewLink } from '../cards/overview-action';
import type { Group } from '../domain/types';
import type { LocalLinks } from './tab-tokens';

/** The entity id the configurable tab saves (and the deep link opens). */
export const OVERVIEW_ENTITY_ID = 'erfaringsgruppe-overblik';

/** How the "Åbn overblik" button finds the overview of a group for `asker` (an Entra id); undefined: no button. */
export type OverviewLinker = (group: Group, asker: string) => Promise<OverviewLink | undefined>;

function chatIdOf(group: Group): { id: string; channel: boolean } | undefined {
  const conversation = (group.conversation as { conversation?: { id?: unknown; conversationType?: unknown } })
    .conversation;
  if (typeof conversation?.id !== 'string') return undefined;
  return { id: conversation.id.split(';')[0], channel: conversation.conversationType === 'channel' };
}

/**
 * In Teams: a deep link that opens the group's overview tab in its chat or channel
 * (deep-link-application.md: the org-catalog id once the app is published there, `contextType`
 * "chat" for a group chat, `webUrl` as the fallback for clients that cannot show the tab). Only
 * once the tab is in the chat; before that, the card says how to add it.
 */
export function teamsOverviewLinks(teamsAppId: string, webUrl?: string, label = 'Overblik'): OverviewLinker {
  return async (group) => {
    const chat = chatIdOf(group);
    if (!chat) return undefined;
    if (!group.overviewTab) return { addTab: true };
    const context = chat.channel ? { channelId: chat.id } : { chatId: chat.id, contextType: 'chat' };
    const query = [
      // A client that cannot show the tab opens webUrl in a browser, where the page explains that
      // the overview needs Teams (`outside=teams`) instead of waiting for a Teams sign-in.
      ...(webUrl ? [`webUrl=${encodeURIComponent(`${webUrl}?outside=teams`)}`] : []),
      `label=${encodeURIComponent(label)}`,
      `context=${encodeURIComponent(JSON.stringify(context))}`,
    ].join('&');
    return {
      url: `https://teams.microsoft.com/l/entity/${encodeURIComponent(teamsAppId)}/${OVERVIEW_ENTITY_ID}?${query}`,
    };
  };
}

/**
 * The deep link to the bot's personal chat, where `mine data` and `slet mine data` work
 * (deep-link-application.md, "Deep link to a chat with the application": `/l/entity/<appId>/conversations`,
 * with the org-catalog id once the app is published there).
 */
export function personalChatLink(appId: string, tenantId: string): string {
  return `https://teams.microsoft.com/l/entity/${encodeURIComponent(appId)}/conversations?tenantId=${encodeURIComponent(tenantId)}`;
}

/**
 * Local mode (the playground has no tabs): a link to the page on this machine with a short-lived
 * signed token in the fragment (never sent to a server, so it does not end up in logs). The link
 * carries the asker's rights: a member's link shows the overview but downloads nothing.
 */
export function localOverviewLinks(baseUrl: string, links: LocalLinks): OverviewLinker {
  return async (group, asker) => {
    const token = await links.sign(group.key, group.tenantId, asker);
    return { url: `${baseUrl}/tab/overview.html?group=${encodeURIComponent(group.key)}#token=${token}` };
  };
}
