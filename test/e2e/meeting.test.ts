/**
 * A whole first meeting clicked through in the Microsoft 365 Agents Playground (the local Teams
 * emulator) in headless Chromium: help, setup, joining, the invitation, answers, reveal, votes,
 * the conclusion and the summary. Karen Holm is "you" in the playground; Jens and Aisha act through
 * the bot's HTTP endpoint with the playground's conversation, so their effects show in the same chat.
 */
import { COLLEAGUES, KAREN, type ChatPerson } from '../../scripts/playground-people';
import { PlaygroundSession } from './support/playground-session';

const [JENS, AISHA] = COLLEAGUES;

jest.setTimeout(120_000);

const KAREN_ADVICE = [
  'Tag den boligsociale medarbejder med til byggemøderne fra første dag.',
  'Varsl arbejdet i god tid – og forklar beboerne hvorfor.',
  'Aftal én fælles kontaktperson, så beboerne ikke går forgæves.',
];
const JENS_ADVICE = [
  'Fortæl varmemesteren om ændringer, før beboerne hører om dem.',
  'Gå sammen rundt i opgangene, når stilladset kommer op.',
  'Tal med de ældre beboere ansigt til ansigt, ikke kun på skrift.',
];
const AISHA_ADVICE = [
  'Brug varmemesteren som bro til de beboere, vi ikke når.',
  'Hold et fælles morgenmøde hver uge i byggeperioden.',
  'Fejr de små sejre sammen med beboerne i gården.',
];
const AGREEMENT = 'Vi holder fælles morgenmøde hver tirsdag kl. 8.30 i skurvognen på Søbakken.';
const PLACE = 'Beboerhuset, Søbakken 12';

/** A meeting date two weeks ahead, as the date input wants it and as a Danish reader sees it. */
function meetingDate(): { iso: string; danish: string } {
  const d = new Date(Date.now() + 14 * 24 * 3600 * 1000);
  const iso = d.toISOString().slice(0, 10);
  const danish = new Intl.DateTimeFormat('da-DK', { day: 'numeric', month: 'long', timeZone: 'UTC' }).format(
    d,
  );
  return { iso, danish };
}

let chat: PlaygroundSession;

beforeAll(async () => {
  chat = await PlaygroundSession.start();
});

afterAll(async () => {
  await chat?.close();
});

afterEach(async () => {
  // The playground says of every shared card that it cannot show user-specific views: those
  // cards carry a button that returns the person's own view instead. Nothing else may be unsupported.
  expect(await chat.unsupportedWarnings({ besidesUserSpecificViews: true })).toBe(0);
});

/**
 * Karen's own view of the newest shared card (the playground does not refresh it for her), once
 * every update for everyone has landed (a later one would put the base card back).
 */
async function ownView(): Promise<void> {
  await chat.settled();
  await chat.button('Mine muligheder').click();
}

test('1. @Erfaringsgruppe hjælp shows the help', async () => {
  await chat.sees('Velkommen til erfaringsgruppen');
  await chat.say('hjælp');
  await chat.sees('Sådan bruger du Erfaringsgruppe');
  await chat.sees(/opsummering 1/);
  await chat.screenshot('help');
});

test('2. @Erfaringsgruppe opret: the setup card is filled in and the coordinator joins', async () => {
  await chat.say('opret');
  // The chat gets a button; its click opens the setup card for the coordinator alone.
  await chat.sees('Det er kun dig, der ser kortet, mens du udfylder det');
  await chat.button('Opret gruppen').click();
  await chat.field('Gruppens navn').fill('Erfaringsgruppe Søbakken');
  await chat.field('Boligorganisation').fill('Boligforeningen Kilden');
  await chat.field('Afdeling eller område').fill('Afdeling 7, Søbakken');
  await chat.screenshot('setup');
  await chat.button('Gem').click();
  // What everyone sees from now on (the clicker's "du er koordinator" is replaced by it at once).
  await chat.sees('Medlemmer (0 af 6)');
  // Open the join form only once the card's update for everyone has landed: it would wipe the form.
  await chat.settled();

  await chat.button('Jeg er med').click();
  await chat.page.getByText('Mellem de to indsatser').last().click();
  await chat.field('Din rolle').fill('Projektmedarbejder, udvikling');
  await chat.button('Jeg er med').click();
  await chat.sees(/Karen Holm.*Projektmedarbejder, udvikling/);
});

test('3. other members join, and the group card shows them', async () => {
  expect(
    await chat.actAs(JENS, 'joinGroup', { roleCategory: 'fysisk', roleTitle: 'Projektleder, renovering' }),
  ).toBe(200);
  expect(
    await chat.actAs(AISHA, 'joinGroup', {
      roleCategory: 'boligsocial',
      roleTitle: 'Boligsocial medarbejder',
    }),
  ).toBe(200);
  await chat.sees('Medlemmer (3 af 6)');
  await chat.sees(/Jens Madsen – Projektleder, renovering/);
  await chat.sees(/Aisha Yilmaz – Boligsocial medarbejder/);
  await chat.screenshot('group');
});

test('4. @Erfaringsgruppe inviter 1: the invitation is saved, posted and answered', async () => {
  const date = meetingDate();
  await chat.say('inviter 1');
  await chat.field('Dato').fill(date.iso);
  await chat.field('Starttidspunkt').fill('14:00');
  await chat.field('Sluttidspunkt').fill('16:00');
  await chat.field('Sted eller link til onlinemøde').fill(PLACE);
  await chat.button('Send invitationen').click();
  await chat.sees(/Invitationen .* er gemt og på vej til gruppen/);
  await chat.sees(new RegExp(date.danish));
  await chat.sees(PLACE);

  await chat.button('Jeg kommer').click();
  await chat.sees(/Svar på invitationen: 1 kommer/);
  expect(await chat.actAs(JENS, 'rsvp', { meeting: 1, response: 'yes' })).toBe(200);
  await chat.sees(/Svar på invitationen: 2 kommer/);
  // Who answered what is in the coordinator's own view only.
  await ownView();
  await chat.sees('Kommer: Jens Madsen, Karen Holm');
  await chat.screenshot('invitation');
});

test('5. meeting 1: answers with æ, ø and å, reveal, votes and an agreement', async () => {
  await chat.say('start 1');
  await chat.button('Skriv dine råd').click();
  // Only the first råd is required ("et eller to er også fint").
  for (const [i, advice] of KAREN_ADVICE.entries())
    await chat.field(i === 0 ? 'Råd 1' : `Råd ${i + 1} (valgfrit)`).fill(advice);
  await chat.button('Gem mine råd').click();
  // The status card counts it, naming no one (the playground may fold the clicker's "Tak!" view back at once).
  await chat.sees('1 af 3 har delt deres svar');

  const [a1, a2, a3] = JENS_ADVICE;
  expect(await chat.actAs(JENS, 'submitAnswer', { meeting: 1, a1, a2, a3 })).toBe(200);
  const [b1, b2, b3] = AISHA_ADVICE;
  expect(await chat.actAs(AISHA, 'submitAnswer', { meeting: 1, a1: b1, a2: b2, a3: b3 })).toBe(200);
  await chat.sees('3 af 3 har delt deres svar');
  await chat.screenshot('meeting-status');

  await ownView();
  await chat.sees('Har delt svar: Karen Holm, Jens Madsen, Aisha Yilmaz');
  await chat.button('Vis svarene').click();
  for (const advice of [...KAREN_ADVICE, ...JENS_ADVICE, ...AISHA_ADVICE]) await chat.sees(advice);
  await chat.screenshot('answers');

  await ownView();
  await chat.button('Vælg det vigtigste').click();
  // Open the form only once the status card has switched to choosing: a later update re-renders the chat.
  await chat.sees('0 af 3 har valgt');
  await chat.settled();
  await chat.button('Vælg det vigtigste').click();
  await chat.button('Gem mine valg').waitFor();
  await chat.page.getByText(AISHA_ADVICE[1]).last().click();
  await chat.page.getByText(KAREN_ADVICE[0]).last().click();
  await chat.button('Gem mine valg').click();
  await chat.sees('1 af 3 har valgt');
  const choice = (who: ChatPerson, field: number): Promise<string> => chat.itemId(who, 1, field);
  const jensChoices = [await choice(AISHA, 2), await choice(KAREN, 1), await choice(JENS, 2)].join(',');
  expect(await chat.actAs(JENS, 'vote', { meeting: 1, choices: jensChoices })).toBe(200);
  const aishaChoices = [await choice(AISHA, 2), await choice(JENS, 2)].join(',');
  expect(await chat.actAs(AISHA, 'vote', { meeting: 1, choices: aishaChoices })).toBe(200);
  await chat.sees('3 af 3 har valgt');
  // What the group chose is shown before the agreements.
  await ownView();
  await chat.button('Vis det, I valgte').click();
  await chat.sees(`${AISHA_ADVICE[1]} (valgt af 3)`);

  await ownView();
  await chat.button('Afslut mødet').click();
  await chat.field('Aftaler og næste skridt (valgfrit)').fill(AGREEMENT);
  await chat.button('Afslut mødet').click();
  await chat.sees('De gode råd, I valgte');
  await chat.sees(`${AISHA_ADVICE[1]} (valgt af 3)`);
  await chat.sees(`${KAREN_ADVICE[0]} (valgt af 2)`);
  await chat.sees(`${JENS_ADVICE[1]} (valgt af 2)`);
  await chat.sees(AGREEMENT);
  await chat.screenshot('conclusion');
});

test('6. @Erfaringsgruppe opsummering 1 shows every piece of advice and the agreement', async () => {
  await chat.say('opsummering 1');
  await chat.sees(/Opsummering af møde 1/);
  const summary = chat.page.getByText(/Opsummering af møde 1/).last();
  await summary.scrollIntoViewIfNeeded();
  for (const advice of [...KAREN_ADVICE, ...JENS_ADVICE, ...AISHA_ADVICE]) await chat.sees(advice);
  await chat.sees(AGREEMENT);
  await chat.screenshot('summary');
});
