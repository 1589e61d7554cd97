import { createHash, randomUUID } from 'node:crypto';

/** A Teams user as tests use them: an AAD object id and a display name. */
export interface TestUser {
  id: string;
  name: string;
}

/** The group chat a test talks in. */
export interface TestChat {
  conversationId: string;
  tenantId: string;
  serviceUrl: string;
}

/** The bot's account in every test chat. */
export const BOT = { id: '28:erfaringsgruppe-bot', name: 'Erfaringsgruppe' };

/** A new user with a fresh AAD object id. */
export function user(name: string): TestUser {
  return { id: randomUUID(), name };
}

/**
 * A user's id in Teams chats (`29:…`): opaque and unlike their AAD object id, as in Teams, so a
 * test that finds an Entra id on a card finds a real leak, not the chat id a refresh lists.
 */
export function chatIdOf(u: TestUser): string {
  return `29:1${createHash('sha256').update(u.id).digest('base64url').slice(0, 40)}`;
}

/** A new group chat on the given connector. */
export function groupChat(serviceUrl: string, tenantId = '11111111-2222-4333-8444-555555555555'): TestChat {
  return { conversationId: `19:${randomUUID().replace(/-/g, '')}@thread.v2`, tenantId, serviceUrl };
}

type Activity = Record<string, unknown>;

/** The personal chat of the people in `chat`'s tenant with the bot (a new conversation id). */
export function personal(chat: TestChat): TestChat {
  return { ...chat, conversationId: `a:${randomUUID()}` };
}

/** The activity as Teams sends it in a personal chat with the bot. */
export function inPersonal(activity: Activity): Activity {
  (activity.conversation as Activity).conversationType = 'personal';
  (activity.conversation as Activity).isGroup = false;
  return activity;
}

function base(chat: TestChat, from: TestUser | undefined, type: string): Activity {
  return {
    type,
    id: `in-${randomUUID()}`,
    timestamp: new Date().toISOString(),
    serviceUrl: chat.serviceUrl,
    channelId: 'msteams',
    from: from ? { id: chatIdOf(from), name: from.name, aadObjectId: from.id } : { id: 'system' },
    conversation: {
      id: chat.conversationId,
      conversationType: 'groupChat',
      isGroup: true,
      tenantId: chat.tenantId,
    },
    recipient: BOT,
    channelData: { tenant: { id: chat.tenantId } },
    locale: 'da-DK',
  };
}

/** Teams' conversationUpdate when the bot is added to a chat. */
export function botAdded(chat: TestChat, by: TestUser): Activity {
  return { ...base(chat, by, 'conversationUpdate'), membersAdded: [BOT] };
}

/** A group-chat message that @mentions the bot, as Teams sends it. */
export function mention(chat: TestChat, from: TestUser, text: string): Activity {
  const mentionText = `<at>${BOT.name}</at>`;
  return {
    ...base(chat, from, 'message'),
    text: `${mentionText} ${text}`,
    textFormat: 'plain',
    entities: [{ type: 'mention', text: mentionText, mentioned: BOT }],
  };
}

/** An Action.Execute click: an `adaptiveCard/action` invoke. */
export function invoke(
  chat: TestChat,
  from: TestUser,
  verb: string,
  data: Activity = {},
  replyToId?: string,
): Activity {
  return {
    ...base(chat, from, 'invoke'),
    name: 'adaptiveCard/action',
    replyToId,
    value: { action: { type: 'Action.Execute', verb, data: { verb, ...data } }, trigger: 'manual' },
  };
}

/** An Action.Submit click (older clients): a message carrying the card's data as `value`. */
export function submit(chat: TestChat, from: TestUser, data: Activity, replyToId?: string): Activity {
  return { ...base(chat, from, 'message'), value: data, replyToId };
}

/** Teams' conversationUpdate when people leave the chat: they are named by their `29:` ids only. */
export function membersRemoved(chat: TestChat, people: (TestUser | typeof BOT)[]): Activity {
  const ids = people.map((p) => (p.id.startsWith('28:') ? p.id : chatIdOf(p)));
  return { ...base(chat, undefined, 'conversationUpdate'), membersRemoved: ids.map((id) => ({ id })) };
}

/** Teams' installationUpdate: the app was added to (`add`) or removed from (`remove`) the chat. */
export function installationUpdate(chat: TestChat, by: TestUser, action: 'add' | 'remove'): Activity {
  return { ...base(chat, by, 'installationUpdate'), action };
}
