import { readToken, signToken } from '../../src/lib/signed-token';

const KEY = new Uint8Array(32).fill(7);
const NOW = new Date('2026-11-26T09:00:00Z');
const LATER = new Date('2026-11-26T10:00:00Z');
const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';

/** Other spellings of the same signature bytes: the unused low bits of the last character, padding, noise. */
function respellings(token: string): string[] {
  const [body, signature] = token.split('.');
  const last = ALPHABET.indexOf(signature.at(-1)!);
  return [
    `${body}.${signature.slice(0, -1)}${ALPHABET[last ^ 1]}`,
    `${body}.${signature}=`,
    `${body}.${signature.slice(0, 10)}!${signature.slice(10)}`,
  ];
}

describe('signed tokens', () => {
  it('read back what was signed, until they expire', () => {
    const token = signToken({ grp: 'g-1' }, KEY, LATER);
    expect(readToken(token, KEY, NOW)).toMatchObject({ grp: 'g-1' });
    expect(readToken(token, KEY, new Date(LATER.getTime() + 1000))).toBeUndefined();
  });

  it('have one valid spelling: the same signature bytes spelled differently are refused', () => {
    const token = signToken({ grp: 'g-1' }, KEY, LATER);
    for (const other of respellings(token)) {
      expect(Buffer.from(other.split('.')[1], 'base64url')).toEqual(
        Buffer.from(token.split('.')[1], 'base64url'),
      );
      expect(readToken(other, KEY, NOW)).toBeUndefined();
    }
  });
});
