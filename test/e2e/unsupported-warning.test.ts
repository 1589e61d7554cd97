/**
 * The meeting test fails when the playground warns that something in a card is not supported.
 * This proves the count works: a card with a user-specific view (refresh.userIds), which the
 * playground does not support, makes the warning appear and be counted — and shows that the
 * meeting test's count leaves out exactly that note, which every shared card of the bot gets there.
 */
import { KAREN } from '../../scripts/playground-people';
import { PlaygroundSession } from './support/playground-session';

let chat: PlaygroundSession;

beforeAll(async () => {
  chat = await PlaygroundSession.start();
});

afterAll(async () => {
  await chat?.close();
});

test('a card with a user-specific view makes the playground show its "not supported" warning', async () => {
  await chat.sees('Velkommen til erfaringsgruppen');
  expect(await chat.unsupportedWarnings()).toBe(0);
  await chat.postCardDirectly({
    type: 'AdaptiveCard',
    version: '1.5',
    body: [{ type: 'TextBlock', text: 'Kort med personlig visning' }],
    refresh: {
      action: { type: 'Action.Execute', verb: 'refresh', data: { verb: 'refresh' } },
      userIds: [KAREN.aadObjectId],
    },
  });
  await chat.sees('Kort med personlig visning');
  await chat.page
    .getByText(/not supported/)
    .first()
    .waitFor();
  expect(await chat.unsupportedWarnings()).toBeGreaterThan(0);
  // The meeting test leaves out this one note (its cards carry a button for the person's own view).
  expect(await chat.unsupportedWarnings({ besidesUserSpecificViews: true })).toBe(0);
});
