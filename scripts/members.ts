/**
 * `npm run members -- <step> [meeting]`: the playground's other people act, so one person can try a
 * whole meeting by hand. The playground's UI is always Karen Holm; this posts her colleagues' clicks
 * to the running bot (local mode) with their roles and answers from the sample group.
 *
 *   join        Jens, Aisha, Søren, Mette and Ole join the group with their roles
 *   rsvp N      they answer the invitation to meeting N (Ole: maybe)
 *   answer N    they write their answers to meeting N
 *   vote N      they prioritise the answers of meeting N (three each)
 *   propose     they propose projects (after meeting 4)
 *
 * `--only jens,aisha` limits who acts.
 */
import sample from '../test/fixtures/sample-group.da.json';
import { loadConfig, type Config } from '../src/config';
import { poolItems } from '../src/domain/items';
import { runningAzuriteAt } from '../src/store/azurite';
import { azuriteConnectionString, openTableStore, type StorageTarget } from '../src/store/connect';
import type { GroupStore } from '../src/store/group-store';
import { clickAs, findGroupChat } from './act-as';
import { COLLEAGUES, KAREN, type ChatPerson } from './playground-people';

const STEPS = ['join', 'rsvp', 'answer', 'vote', 'propose'] as const;
type Step = (typeof STEPS)[number];

function storageOf(config: Config): StorageTarget {
  const s = config.storage;
  if (s.kind === 'connectionString') return { connectionString: s.connectionString };
  if (s.kind === 'accountUrl') return { accountUrl: s.accountUrl };
  const running = runningAzuriteAt(s.location);
  if (!running)
    throw new Error('The bot is not running: start it with `npm start` in another terminal first.');
  return { connectionString: azuriteConnectionString(running.host, running.port) };
}

function fixtureMember(person: ChatPerson): (typeof sample.members)[number] {
  const member = sample.members.find((m) => m.key === person.fixtureKey);
  if (!member) throw new Error(`${person.name} is not in the sample group`);
  return member;
}

function fixtureAnswers(person: ChatPerson, meeting: number): string[] {
  const m = sample.meetings.find((x) => x.meeting === meeting);
  return (m?.answers as Record<string, string[]> | undefined)?.[person.fixtureKey] ?? [];
}

/** Up to three items each, never their own, spread over the pool so the votes differ from person to person. */
async function choicesOf(
  store: GroupStore,
  groupKey: string,
  meeting: number,
  person: ChatPerson,
  i: number,
) {
  const snapshot = await store.loadPartition(groupKey);
  if (!snapshot) return [];
  const g = snapshot.group.value;
  const items = poolItems(
    meeting,
    snapshot.answers.filter((a) => a.meeting === meeting),
    g.members,
    g.revealMode,
  ).filter((item) => item.author.userId !== person.aadObjectId);
  if (items.length === 0) return [];
  const picks = [0, i + 1, 2 * i + 3].map((k) => items[k % items.length].id);
  return [...new Set(picks)];
}

async function dataFor(
  step: Step,
  person: ChatPerson,
  i: number,
  meeting: number,
  store: GroupStore,
  groupKey: string,
): Promise<Record<string, unknown>[]> {
  switch (step) {
    case 'join': {
      const m = fixtureMember(person);
      return [{ roleCategory: m.roleCategory, roleTitle: m.roleTitle }];
    }
    case 'rsvp':
      return [{ meeting, response: person.fixtureKey === 'ole' ? 'maybe' : 'yes' }];
    case 'answer': {
      const [a1 = '', a2 = '', a3 = ''] = fixtureAnswers(person, meeting);
      return a1 ? [{ meeting, a1, a2, a3 }] : [];
    }
    case 'vote':
      return [{ meeting, choices: (await choicesOf(store, groupKey, meeting, person, i)).join(',') }];
    case 'propose':
      return sample.projectProposals
        .filter((p) => p.by === person.fixtureKey)
        .map((p) => ({ title: p.title, description: p.description }));
  }
}

const VERBS: Record<Step, string> = {
  join: 'joinGroup',
  rsvp: 'rsvp',
  answer: 'submitAnswer',
  vote: 'vote',
  propose: 'proposeProject',
};

/** The bot's answer in one line: a refusal's text, or that a card came back. */
function shortAnswer(status: number, body: string): string {
  try {
    const parsed = JSON.parse(body) as { type?: string; value?: unknown };
    if (parsed.type?.endsWith('activity.message')) return `${status} – ${String(parsed.value)}`;
    if (parsed.type?.endsWith('card.adaptive')) return `${status} – ok`;
  } catch {
    // not JSON: show as it is
  }
  return `${status} ${body}`.trim();
}

async function main(argv: string[]): Promise<void> {
  const [stepArg, meetingArg] = argv.filter((a) => !a.startsWith('--'));
  const onlyArg = argv.find((a) => a.startsWith('--only='))?.slice('--only='.length);
  const step = STEPS.find((s) => s === stepArg);
  const meeting = Number(meetingArg ?? 1);
  if (!step || !Number.isInteger(meeting) || meeting < 1 || meeting > 4) {
    process.stdout.write(`Usage: npm run members -- <${STEPS.join('|')}> [1-4] [--only=jens,aisha]\n`);
    process.exitCode = 2;
    return;
  }
  const config = loadConfig();
  if (config.auth)
    throw new Error('npm run members only works with the local bot and playground (no MicrosoftAppId).');
  const store = await openTableStore(storageOf(config));
  const { groupKey, chat } = await findGroupChat(store, KAREN);
  const only = onlyArg?.split(',').map((s) => s.trim().toLowerCase());
  const people = COLLEAGUES.filter((p) => !only || only.includes(p.fixtureKey));
  const botUrl = `http://localhost:${config.port}`;
  for (const [i, person] of people.entries()) {
    for (const data of await dataFor(step, person, i, meeting, store, groupKey)) {
      const { status, body } = await clickAs(botUrl, chat, person, VERBS[step], data);
      process.stdout.write(`${person.name}: ${VERBS[step]} → ${shortAnswer(status, body)}\n`);
    }
  }
}

main(process.argv.slice(2)).catch((err: unknown) => {
  process.stderr.write(`${err instanceof Error ? err.message : String(err)}\n`);
  process.exitCode = 1;
});
