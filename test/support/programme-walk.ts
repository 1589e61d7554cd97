import sample from '../fixtures/sample-group.da.json';
import {
  botAdded,
  chatIdOf,
  groupChat,
  inPersonal,
  invoke,
  mention,
  personal,
  type TestChat,
  type TestUser,
} from './activities';
import { startTestBot } from './bot-harness';
import { findInput } from './cards';
import { buttonFor, ChatRecorder, type Card, type Seen, type Step, type StepResult } from './chat-recorder';
import { samplePeople, sampleSettings } from './sample-group';

/** Which programme to walk: the group's language and how answers are revealed. */
export interface WalkOptions {
  language: 'da' | 'en';
  revealMode: 'named' | 'anonymous';
}

/** A whole programme as the people in the chat lived it: every step and everything each of them saw. */
export interface ProgrammeWalk {
  options: WalkOptions;
  steps: Step[];
  seen: Seen[];
  /** The coordinator first, then the members, by name. */
  people: string[];
  /** The name of a Teams user id (`29:…` or the Entra object id), for `refresh.userIds`. */
  nameOf(userId: string): string | undefined;
}

/** The chat commands the walk writes, in the group's language (the bot reads both). */
const COMMANDS = {
  da: {
    help: 'hjælp',
    status: 'status',
    invite: 'inviter',
    guide: 'vejledning',
    start: 'start',
    remind: 'påmind',
    summary: 'opsummering',
    myData: 'mine data',
  },
  en: {
    help: 'help',
    status: 'status',
    invite: 'invite',
    guide: 'guide',
    start: 'start',
    remind: 'remind',
    summary: 'summary',
    myData: 'my data',
  },
};
type Command = keyof (typeof COMMANDS)['da'];

/** Who answers each invitation: Ole cannot come to meeting 2 (and so neither answers nor chooses in it). */
const RSVPS: Record<number, Record<string, 'yes' | 'maybe' | 'no'>> = {
  1: { ole: 'maybe', laerke: 'maybe' },
  2: { ole: 'no', laerke: 'maybe' },
  3: {},
  4: { soeren: 'maybe' },
};

/** A text longer than the 500 characters an answer may have. */
const TOO_LONG = 'Vi skal tale mere sammen på tværs af afdelingerne. '.repeat(12);

const addDays = (isoDate: string, days: number): string =>
  new Date(Date.parse(`${isoDate}T12:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);

/**
 * Walks a whole programme through the bot's real HTTP entry point (a bot of its own, stopped at the
 * end), from the fixture test/fixtures/sample-group.da.json: the bot is added, the group set up,
 * help read, six members join, `status`; for each meeting the invitation (`inviter 1`, later the
 * conclusion card's button), RSVPs, `vejledning`, `start`, answers (with an edit, a too-long text, a
 * `påmind`, a member clicking a coordinator button and a late answer), reveal, choosing (one with
 * too many), close and `opsummering N`; then project proposals, the project vote and choice, the
 * whole `opsummering`, `status`, and `mine data` in a personal chat. Paced to Teams' limits, it
 * takes two to three minutes.
 */
export async function walkProgramme(options: WalkOptions): Promise<ProgrammeWalk> {
  const bot = await startTestBot();
  try {
    const chat = groupChat(bot.connector.serviceUrl);
    const personalChats = new Map<string, string>();
    const recorder = new ChatRecorder(bot, chat.conversationId, personalChats);
    const people = samplePeople();
    const walk = new Walker(recorder, chat, personalChats, options.language);
    await formGroup(walk, people, options);
    let conclusion: string | undefined;
    for (const meeting of sample.meetings) conclusion = await holdMeeting(walk, people, meeting, conclusion);
    await chooseProject(walk, people, conclusion);
    const everyone = [people.coordinator, ...people.members];
    const names = new Map(everyone.flatMap((p) => [[p.id, p.name] as const, [chatIdOf(p), p.name] as const]));
    return {
      options,
      steps: recorder.steps,
      seen: recorder.seen,
      people: everyone.map((p) => p.name),
      nameOf: (id) => names.get(id),
    };
  } finally {
    await bot.stop();
  }
}

type People = ReturnType<typeof samplePeople>;
type Option = { title: string; value: string };
type Meeting = (typeof sample.meetings)[number];

const byKey = (people: People, key: string): TestUser => people.members.find((m) => m.key === key)!;

/** The bot is added, the coordinator sets the group up, a member reads help, six join, `status`. */
async function formGroup(walk: Walker, { coordinator: karen, members }: People, options: WalkOptions) {
  const added = botAdded(walk.chat, karen);
  const welcome = walk.shared(
    await walk.recorder.act(karen, 'botAdded', `${karen.name} adds the bot to the chat`, added),
  );
  await walk.click(karen, 'openSetup', {}, welcome);
  const setup = await walk.click(karen, 'setupGroup', { ...sampleSettings, ...options }, welcome);
  const groupCard = walk.shared(setup, welcome);
  await walk.say(members[0], 'help');
  for (const m of members) {
    await walk.click(m, 'openJoin', {}, groupCard);
    await walk.click(m, 'joinGroup', { roleCategory: m.roleCategory, roleTitle: m.roleTitle }, groupCard);
  }
  await walk.say(karen, 'status');
}

/**
 * Meeting n from its invitation (`inviter 1`, later the previous conclusion card's button) to
 * `opsummering n`; returns the id of its conclusion card.
 */
async function holdMeeting(
  walk: Walker,
  people: People,
  meeting: Meeting,
  previous?: string,
): Promise<string> {
  const { coordinator: karen, members } = people;
  const [jens, , , mette] = members;
  const n = meeting.meeting;
  const first = sample.meetings[0].invitation!;
  const editor =
    n === 1
      ? await walk.say(karen, 'invite', '1')
      : await walk.click(karen, 'openInvitation', { meeting: n }, previous);
  const editorOn = n === 1 ? walk.shared(editor) : previous;
  const editorCard = n === 1 ? walk.sees(karen, editorOn) : (editor.body?.value as Card | undefined);
  // The coordinator keeps the proposed text and sets the date four weeks after the last meeting.
  const text = String(findInput(editorCard, 'text')?.value ?? '');
  const date = addDays(first.date, 28 * (n - 1));
  const saved = await walk.click(karen, 'saveInvitation', { meeting: n, ...first, date, text }, editorOn);
  const invitation = walk.shared(saved);
  for (const m of members)
    await walk.click(m, 'rsvp', { meeting: n, response: RSVPS[n][m.key] ?? 'yes' }, invitation);
  await walk.say(karen, 'guide', String(n));
  if (n === 1) await walk.say(jens, 'guide', '1');

  const [status, prompt] = walk.postedCards(await walk.say(karen, 'start', String(n)), 2);
  if (n === 1) await walk.forge(jens, 'reveal', { meeting: 1 }, status);
  const coming = members.filter((m) => RSVPS[n][m.key] !== 'no');
  for (const [i, m] of coming.entries()) {
    const fields = (meeting.answers as Record<string, string[]>)[m.key];
    const data = Object.fromEntries(fields.map((f, k) => [`a${k + 1}`, f]));
    await walk.click(m, 'openAnswerForm', { meeting: n }, prompt);
    if (n === 1 && m === mette)
      await walk.click(m, 'submitAnswer', { meeting: n, ...data, a1: TOO_LONG }, prompt);
    await walk.click(m, 'submitAnswer', { meeting: n, ...data }, prompt);
    if (n === 1 && i === 2) await walk.say(karen, 'remind');
  }
  if (n === 1) {
    // Aisha corrects an answer in her form, which stays in place of the answer card for her.
    const [a1, a2, a3] = meeting.answers.aisha;
    const edited = `${a2} Og husk kaffen.`;
    await walk.click(byKey(people, 'aisha'), 'submitAnswer', { meeting: 1, a1, a2: edited, a3 }, prompt);
  }
  if (n === 2) await walk.say(karen, 'remind');

  await walk.click(karen, 'reveal', { meeting: n }, status);
  const late = { meeting: 1, a1: 'For sent', a2: 'x', a3: 'y' };
  if (n === 1) await walk.click(byKey(people, 'ole'), 'submitAnswer', late, prompt);
  const voting = walk.postedWith(
    await walk.click(karen, 'startVoting', { meeting: n }, status),
    'openVoting',
  );
  // Each member opens their own choosing form from the shared card, which it replaces for them.
  const form = await walk.click(jens, 'openVoting', { meeting: n }, voting);
  const choices = (findInput(form.body?.value as Card, 'choices')?.choices as { value: string }[]).map(
    (c) => c.value,
  );
  if (n === 1) await walk.click(jens, 'vote', { meeting: 1, choices: choices.slice(0, 4).join(',') }, voting);
  for (const [i, m] of coming.entries()) {
    const picked = new Set([
      choices[(i * 2) % choices.length],
      choices[(i * 2 + 1) % choices.length],
      choices[0],
    ]);
    if (m !== jens) await walk.click(m, 'openVoting', { meeting: n }, voting);
    await walk.click(m, 'vote', { meeting: n, choices: [...picked].join(',') }, voting);
  }
  // What the group chose is shown before the agreements; meeting 3 closes without agreements.
  await walk.click(karen, 'endVoting', { meeting: n }, status);
  const agreements = { meeting: n, agreements: n === 3 ? '' : meeting.agreements };
  await walk.click(karen, 'openAgreements', { meeting: n }, status);
  const [conclusion] = walk.postedCards(await walk.click(karen, 'closeMeeting', agreements, status), 1);
  await walk.say(karen, 'summary', String(n));
  return conclusion;
}

/** Proposals on meeting 4's conclusion card, the project vote and choice; the whole summary, status, `mine data`. */
async function chooseProject(walk: Walker, people: People, conclusion?: string): Promise<void> {
  const { coordinator: karen, members } = people;
  for (const p of sample.projectProposals) {
    const proposal = { title: p.title, description: p.description };
    await walk.click(byKey(people, p.by), 'openProposal', {}, conclusion);
    await walk.click(byKey(people, p.by), 'proposeProject', proposal, conclusion);
  }
  const vote = walk.postedWith(await walk.click(karen, 'startProjectVote', {}, conclusion), 'openBallot');
  const ballot = await walk.click(members[0], 'openBallot', {}, vote);
  const proposals = findInput(ballot.body?.value as Card, 'choice')?.choices as Option[];
  const chosen = proposals.find((o) => o.title === sample.project.choice)!.value;
  for (const [i, m] of members.entries()) {
    if (i > 0) await walk.click(m, 'openBallot', {}, vote);
    await walk.click(m, 'voteProject', { choice: i % 3 === 0 ? proposals[0].value : chosen }, vote);
  }
  const decision = (await walk.click(karen, 'openDecision', {}, vote)).body?.value as Card;
  const owners = findInput(decision, 'owner')?.choices as Option[];
  const owner = owners.find((o) => o.title === byKey(people, sample.project.owner).name)!.value;
  const { firstStep, dueDate } = sample.project;
  await walk.click(karen, 'chooseProject', { choice: chosen, owner, firstStep, dueDate }, vote);
  await walk.say(karen, 'summary');
  await walk.say(karen, 'status');
  await walk.say(members[0], 'myData', '', 'personal');
}

/** The walk's hands: clicks the cards people see and writes commands, in the group's language. */
class Walker {
  constructor(
    readonly recorder: ChatRecorder,
    readonly chat: TestChat,
    private readonly personalChats: Map<string, string>,
    private readonly language: 'da' | 'en',
  ) {}

  sees(who: TestUser, messageId: string | undefined): Card | undefined {
    return this.recorder.sees(who.name, messageId);
  }

  /**
   * Clicks the button that sends `verb` on the card `who` sees as message `on` (noted when there is
   * none). A shared card that lists them for a refresh and lacks the button is first refreshed for
   * them, as Teams does when it shows the card (their own view has their role's buttons).
   */
  async click(
    who: TestUser,
    verb: string,
    data: Record<string, unknown>,
    on: string | undefined,
  ): Promise<StepResult> {
    if (!buttonFor(this.sees(who, on), verb, data)) await this.refresh(who, on);
    const button = buttonFor(this.sees(who, on), verb, data);
    const notes = button ? [] : [`no button for "${verb}" on the card ${who.name} sees (${on ?? 'no card'})`];
    const label = `${who.name} clicks [${String(button?.title ?? verb)}]`;
    return this.recorder.act(who, verb, label, invoke(this.chat, who, verb, data, on), notes);
  }

  /** Sends `verb` as `who` on card `on` although no card of theirs shows its button (an old or crafted click). */
  forge(
    who: TestUser,
    verb: string,
    data: Record<string, unknown>,
    on: string | undefined,
  ): Promise<StepResult> {
    const label = `${who.name} sends [${verb}] (a button their view does not show)`;
    return this.recorder.act(who, verb, label, invoke(this.chat, who, verb, data, on));
  }

  /** Teams' automatic refresh of card `on` for `who`, when the card lists them (`refresh.userIds`). */
  private async refresh(who: TestUser, on: string | undefined): Promise<void> {
    const refresh = this.sees(who, on)?.refresh as
      { action: { verb: string; data: Record<string, unknown> }; userIds: string[] } | undefined;
    if (!refresh?.userIds.includes(chatIdOf(who))) return;
    const { verb, data } = refresh.action;
    const label = `Teams refreshes the card for ${who.name}`;
    const activity = invoke(this.chat, who, verb, data, on);
    await this.recorder.act(who, 'refresh', label, {
      ...activity,
      value: { ...(activity.value as object), trigger: 'automatic' },
    });
  }

  /** Writes `@Erfaringsgruppe <command> <arg>` in the group chat, or in `who`'s personal chat with the bot. */
  say(who: TestUser, command: Command, arg = '', where: 'group' | 'personal' = 'group'): Promise<StepResult> {
    const text = `${COMMANDS[this.language][command]} ${arg}`.trim();
    const chat = where === 'group' ? this.chat : personal(this.chat);
    if (where === 'personal') this.personalChats.set(chat.conversationId, who.name);
    const activity = mention(chat, who, text);
    const label = `${who.name} writes${where === 'personal' ? ' in a personal chat with the bot' : ''}: @Erfaringsgruppe ${text}`;
    return this.recorder.act(who, command, label, where === 'personal' ? inPersonal(activity) : activity);
  }

  /** The first card a step posted or updated for everyone (or `fallback`). */
  shared(result: StepResult, fallback?: string): string | undefined {
    return result.seen.find((s) => s.how !== 'answered' && s.card)?.messageId ?? fallback;
  }

  /** The id of the card a step posted with a button for `verb`; fails when it posted none. */
  postedWith(result: StepResult, verb: string): string {
    const found = result.seen.find((s) => s.how === 'posted' && buttonFor(s.card, verb));
    if (!found) throw new Error(`step ${result.step.n} (${result.step.label}) posted no card with [${verb}]`);
    return found.messageId!;
  }

  /** The ids of the cards a step posted; fails when it posted fewer than `count`. */
  postedCards(result: StepResult, count: number): string[] {
    const ids = result.seen.filter((s) => s.how === 'posted' && s.card).map((s) => s.messageId!);
    if (ids.length < count)
      throw new Error(
        `step ${result.step.n} (${result.step.label}) posted ${ids.length} cards, expected ${count}`,
      );
    return ids;
  }
}
