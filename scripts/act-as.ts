import type { GroupStore } from '../src/store/group-store';
import { PLAYGROUND_TENANT_ID, type ChatPerson } from './playground-people';

/** What the bot stored about the chat when the group was set up: enough to post as anyone in it. */
export interface ChatReference {
  serviceUrl: string;
  conversation: { id: string };
  bot: { id: string; name?: string };
}

/** The group chat that `coordinator` set up (the newest, if several), from the bot's storage. */
export async function findGroupChat(
  store: GroupStore,
  coordinator: ChatPerson,
): Promise<{ groupKey: string; chat: ChatReference }> {
  const groups = await store.listCoordinatedGroups(PLAYGROUND_TENANT_ID, coordinator.aadObjectId);
  const newest = groups.at(-1);
  const group = newest && (await store.loadGroup(newest.key));
  if (!group) {
    throw new Error(
      `${coordinator.name} has not set up a group yet: write "@Erfaringsgruppe opret" in the playground's group chat first.`,
    );
  }
  return { groupKey: group.value.key, chat: group.value.conversation as unknown as ChatReference };
}

/**
 * Sends what `person`'s click on a card button would send (an Action.Execute invoke) to the bot,
 * in the chat of `chat`. The playground's own UI is always Karen; this is how the others act.
 * Returns the HTTP status and the text of the bot's answer.
 */
export async function clickAs(
  botUrl: string,
  chat: ChatReference,
  person: ChatPerson,
  verb: string,
  data: Record<string, unknown>,
): Promise<{ status: number; body: string }> {
  const activity = {
    type: 'invoke',
    name: 'adaptiveCard/action',
    id: `act-as-${verb}-${person.id}-${Date.now()}-${Math.random().toString(36).slice(2, 8)}`,
    channelId: 'msteams',
    serviceUrl: chat.serviceUrl,
    from: { id: person.id, name: person.name, aadObjectId: person.aadObjectId },
    conversation: chat.conversation,
    recipient: chat.bot,
    channelData: { tenant: { id: PLAYGROUND_TENANT_ID } },
    value: { action: { type: 'Action.Execute', verb, data: { verb, ...data } } },
  };
  const res = await fetch(`${botUrl}/api/messages`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(activity),
  });
  return { status: res.status, body: await res.text() };
}
