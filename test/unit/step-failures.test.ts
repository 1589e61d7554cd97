import { ConversationGoneError, failedForGood, SendGaveUpError } from '../../src/bot/outbox/connector-errors';

/** An error as the connector client throws it for an HTTP answer. */
const answered = (statusCode: number): Error =>
  Object.assign(new Error(`HTTP ${statusCode}`), { statusCode });

describe("a step's card that could not be sent", () => {
  it('is tried again later when storage failed while rendering it (a meeting is never left without its cards)', () => {
    expect(failedForGood('render', Object.assign(new Error('storage busy'), { statusCode: 503 }))).toBe(
      false,
    );
    expect(failedForGood('render', new Error('socket hang up'))).toBe(false);
  });

  it('is tried again later when the network failed or Teams kept throttling', () => {
    expect(failedForGood('post', new Error('ECONNRESET'))).toBe(false);
    expect(failedForGood('post', new SendGaveUpError(429, 5))).toBe(false);
  });

  it('fails for good when Teams refuses it or the bot is out of the chat', () => {
    expect(failedForGood('post', answered(400))).toBe(true);
    expect(failedForGood('post', answered(413))).toBe(true);
    expect(failedForGood('post', new ConversationGoneError(403, 'BotNotInConversationRoster'))).toBe(true);
    expect(failedForGood('empty', new Error('nothing to post'))).toBe(true);
  });
});
