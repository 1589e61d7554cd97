import type { ConnectorCall } from './fake-connector';
import type { TestBot } from './bot-harness';
import type { TestUser } from './activities';

/** An Adaptive Card as JSON. */
export type Card = Record<string, unknown>;

/** Everyone in the group chat (a message posted or updated there). */
export const EVERYONE = 'everyone';

/** One thing a person does: a click or a message to the bot. */
export interface Step {
  /** 1-based, in the order of the walk. */
  n: number;
  who: string;
  /** The verb clicked, or the command's English name (`help`, `start`, `myData`, …): the same in every language. */
  action: string;
  /** What the person did, as they would say it: `Jens Madsen clicks [Gem mine råd]`. */
  label: string;
  chat: 'group' | 'personal';
  /** What did not match what the person could see (a button they clicked that their card does not show). */
  notes: string[];
}

/**
 * What someone saw because of a step: a message posted to the chat, a card updated in place for
 * everyone, or the bot's answer to a click (the clicker's own card, or a short message) .
 */
export interface Seen {
  /** 1-based, in the order people saw them. */
  n: number;
  step: Step;
  how: 'posted' | 'updated' | 'answered';
  /** EVERYONE, or the one person who sees it (the clicker; the owner of a personal chat). */
  audience: string;
  /** The chat message it is, updates, or (for an answer) replaces in the clicker's view. */
  messageId?: string;
  card?: Card;
  /** A plain message's text, or the text the bot answered a click with. */
  text?: string;
  /** Teams' notification preview of a posted card. */
  preview?: string;
  /** The bot answered the click with an error (HTTP 400): Teams shows it as a failure. */
  error?: boolean;
}

/** What the bot answered one step with, over HTTP (the invoke body for a click). */
export interface StepResult {
  step: Step;
  seen: Seen[];
  body: Record<string, unknown> | undefined;
}

type Json = Record<string, unknown>;
const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);

function attachedCardOf(activity: Json): Card | undefined {
  const attachments = Array.isArray(activity.attachments) ? activity.attachments : [];
  const card = attachments.find(
    (a): a is Json => isObject(a) && a.contentType === 'application/vnd.microsoft.card.adaptive',
  );
  return card && isObject(card.content) ? card.content : undefined;
}

/** Every Action.Execute/Submit of a card, ShowCards and ActionSets included. */
function buttonsOf(node: unknown): Json[] {
  if (Array.isArray(node)) return node.flatMap(buttonsOf);
  if (!isObject(node)) return [];
  const own = node.type === 'Action.Execute' || node.type === 'Action.Submit' ? [node] : [];
  return [...own, ...Object.values(node).flatMap(buttonsOf)];
}

/**
 * The button of `card` that sends `verb` with `data` (its fixed data must agree: an RSVP's
 * `response`), or undefined when the card has none.
 */
export function buttonFor(card: Card | undefined, verb: string, data: Json = {}): Json | undefined {
  return buttonsOf(card ?? {}).find((b) => {
    const fixed = isObject(b.data) ? b.data : {};
    const sends = b.verb ?? fixed.verb;
    return (
      sends === verb &&
      Object.entries(fixed).every(
        ([k, v]) => k === 'verb' || data[k] === undefined || String(data[k]) === String(v),
      )
    );
  });
}

/**
 * Sends a person's activities to a bot through its HTTP entry point and records, in order, what
 * each person saw: the connector's posts and updates (in the group chat: everyone; in a personal
 * chat: its owner) and the answer to a click (the clicker only; a card replaces the clicked card
 * in their view until the card is next updated for everyone).
 */
export class ChatRecorder {
  readonly steps: Step[] = [];
  readonly seen: Seen[] = [];
  private readonly shared = new Map<string, Card>();
  private readonly own = new Map<string, Map<string, Card>>();

  constructor(
    private readonly bot: TestBot,
    private readonly groupChatId: string,
    /** Personal chats by conversation id: whose they are. */
    private readonly personalChats: Map<string, string>,
  ) {}

  /** The card `name` sees as message `messageId`: their own answer to a click, or the shared card. */
  sees(name: string, messageId: string | undefined): Card | undefined {
    if (!messageId) return undefined;
    return this.own.get(messageId)?.get(name) ?? this.shared.get(messageId);
  }

  /** Sends one activity as `who`; records the step and what it made people see. */
  async act(
    who: TestUser,
    action: string,
    label: string,
    activity: Json,
    notes: string[] = [],
  ): Promise<StepResult> {
    const chatId = (activity.conversation as Json).id as string;
    const step: Step = {
      n: this.steps.length + 1,
      who: who.name,
      action,
      label,
      chat: chatId === this.groupChatId ? 'group' : 'personal',
      notes,
    };
    this.steps.push(step);
    const before = this.bot.connector.attempts.length;
    const res = await fetch(`${this.bot.running.url}/api/messages`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(activity),
    });
    const raw = await res.text();
    const answeredAt = Date.now();
    await this.bot.running.idle();
    const body = raw ? (JSON.parse(raw) as Json) : undefined;
    const calls = this.bot.connector.attempts.slice(before).filter((c) => c.status === 200);
    const seen: Seen[] = [];
    for (const call of calls.filter((c) => c.at <= answeredAt)) seen.push(this.recordCall(step, call));
    if (activity.type === 'invoke') seen.push(this.recordAnswer(step, who, activity, res.status, body));
    for (const call of calls.filter((c) => c.at > answeredAt)) seen.push(this.recordCall(step, call));
    return { step, seen, body };
  }

  private add(seen: Omit<Seen, 'n'>): Seen {
    const numbered = { n: this.seen.length + 1, ...seen };
    this.seen.push(numbered);
    return numbered;
  }

  private recordCall(step: Step, call: ConnectorCall): Seen {
    const chatId = call.conversationId.split(';messageid=')[0];
    const audience = chatId === this.groupChatId ? EVERYONE : (this.personalChats.get(chatId) ?? chatId);
    const card = attachedCardOf(call.activity);
    const messageId = call.method === 'PUT' ? (call.activityId ?? call.id) : call.id;
    if (card) {
      this.shared.set(messageId, card);
      this.own.delete(messageId);
    }
    const text = typeof call.activity.text === 'string' ? call.activity.text : undefined;
    const preview = typeof call.activity.summary === 'string' ? call.activity.summary : undefined;
    const how = call.method === 'PUT' ? 'updated' : 'posted';
    return this.add({ step, how, audience, messageId, card, text, preview });
  }

  private recordAnswer(step: Step, who: TestUser, activity: Json, status: number, body?: Json): Seen {
    const messageId = typeof activity.replyToId === 'string' ? activity.replyToId : undefined;
    const value = body?.value;
    const base = { step, how: 'answered' as const, audience: who.name, messageId };
    if (status !== 200 || !body) return this.add({ ...base, error: true, text: `HTTP ${status}` });
    if (body.statusCode !== 200) {
      const message =
        isObject(value) && typeof value.message === 'string' ? value.message : JSON.stringify(value);
      return this.add({ ...base, error: true, text: message });
    }
    if (typeof value === 'string') return this.add({ ...base, text: value });
    const card = isObject(value) ? value : undefined;
    if (card && messageId) {
      const views = this.own.get(messageId) ?? new Map<string, Card>();
      views.set(who.name, card);
      this.own.set(messageId, views);
    }
    return this.add({ ...base, card });
  }
}
