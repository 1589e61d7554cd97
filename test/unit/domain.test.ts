import { compositionWarnings, isFull } from '../../src/domain/composition';
import { parseGroupSettings, parseJoin } from '../../src/domain/group-input';
import { cleanName, cleanText, PLAIN_TEXT } from '../../src/domain/input';
import { draftValues, parseInvitation } from '../../src/domain/invitation-input';
import { parseChoice } from '../../src/domain/project-input';
import { addDays, addHours, addYears, isValidDate, todayIn } from '../../src/domain/schedule';
import type { Member, RoleCategory } from '../../src/domain/types';

const member = (roleCategory: RoleCategory, i = 0): Member => ({
  userId: `u${i}`,
  name: `Person ${i}`,
  roleCategory,
  roleTitle: 'x',
  joinedAt: '',
});

describe('composition', () => {
  it('advises on who is missing, in the order the coordinator should read it', () => {
    expect(compositionWarnings([])).toEqual(['tooFew', 'noPhysical', 'noSocial', 'noBetween']);
    expect(compositionWarnings([member('fysisk', 1), member('imellem', 2), member('andet', 3)])).toEqual([
      'noSocial',
    ]);
    expect(
      compositionWarnings([member('fysisk', 1), member('boligsocial', 2), member('imellem', 3)]),
    ).toEqual([]);
  });

  it('is full at six members', () => {
    expect(isFull([1, 2, 3, 4, 5].map((i) => member('andet', i)))).toBe(false);
    expect(isFull([1, 2, 3, 4, 5, 6].map((i) => member('andet', i)))).toBe(true);
  });
});

describe('reading card input', () => {
  it('keeps Danish letters and emoji, removes control and direction-override characters', () => {
    expect(cleanText('  Søren\u0000 Østergaard \u202Eå 🙂 ', false)).toBe('Søren Østergaard å 🙂');
    expect(cleanText('linje 1\r\nlinje 2\u0007', true)).toBe('linje 1\nlinje 2');
    expect(cleanText('linje 1\nlinje 2', false)).toBe('linje 1 linje 2');
  });

  // What the red team found surviving, and the rest of the default-ignorable and format characters.
  const INVISIBLES = [
    '\u00AD',
    '\u034F',
    '\u061C',
    '\u115F',
    '\u1160',
    '\u17B4',
    '\u180B',
    '\u180E',
    '\u200B',
    '\u200C',
    '\u200D',
    '\u200E',
    '\u202A',
    '\u202E',
    '\u2060',
    '\u2061',
    '\u2064',
    '\u2066',
    '\u2069',
    '\u206F',
    '\u3164',
    '\uFE00',
    '\uFE0F',
    '\uFEFF',
    '\uFFA0',
    '\u{1BCA0}',
    '\u{1D173}',
    '\u{E0001}',
    '\u{E0041}',
    '\u{E007F}',
    '\u{E0100}',
    '\uD800',
  ];

  it.each(INVISIBLES.map((c) => [`U+${c.codePointAt(0)!.toString(16).toUpperCase()}`, c]))(
    'removes %s from names and from texts people write',
    (_name, c) => {
      expect(cleanName(`Søren${c} Øster${c}gaard${c}`)).toBe('Søren Østergaard');
      expect(cleanText(`Hej${c} med${c} dig`, true)).toBe('Hej med dig');
    },
  );

  it('keeps a text of only visible characters as written (the short way for most answers)', () => {
    const text =
      'Fælles morgenmøde – “driften” og ‘beboerne’ … 5 € pr. uge; Ærø, Łódź, ß.\nNæste linje\tmed tab';
    expect(cleanText(`  ${text}  `, true)).toBe(text);
    expect(cleanText(`${text}\u00AD`, true)).toBe(text);
    // Every character the short way lets through is one no text would lose on the long way.
    const invisible = /(?![\n\t])[\p{Cc}\p{Cf}\p{Default_Ignorable_Code_Point}\p{Cs}]/u;
    const lost: string[] = [];
    for (let code = 0; code <= 0xffff; code++) {
      const c = String.fromCharCode(code);
      if (PLAIN_TEXT.test(c) && invisible.test(c)) lost.push(code.toString(16));
    }
    expect(lost).toEqual([]);
  });

  it('turns line and paragraph separators into a space in one-line fields and a line break in texts', () => {
    expect(cleanName('Søbakken\u2028Nord\u2029Syd\u0085Øst')).toBe('Søbakken Nord Syd Øst');
    expect(cleanText('linje 1\u2028linje 2\u2029linje 3', true)).toBe('linje 1\nlinje 2\nlinje 3');
  });

  it('keeps emoji whole in texts people write, and only their parts in names', () => {
    for (const emoji of ['👩🏽‍💻', '❤️‍🔥', '👨‍👩‍👧', '❤️', '🏳️‍🌈'])
      expect(cleanText(`Tak ${emoji}`, true)).toBe(`Tak ${emoji}`);
    expect(cleanName('Karen 👨‍👩‍👧 ❤️')).toBe('Karen 👨👩👧 ❤');
    expect(cleanText('Skotland 🏴\u{E0067}\u{E0062}\u{E0073}\u{E0063}\u{E0074}\u{E007F}', true)).toBe(
      'Skotland 🏴',
    );
  });

  it('counts a name of only invisible characters as no name', () => {
    for (const blank of ['\u3164', '\u115F\u1160', '\u00AD\u200B', '\u2800\u2800', '\u2028'])
      expect(parseJoin({ roleCategory: 'imellem', roleTitle: blank })).toEqual({
        ok: false,
        errors: { roleTitle: { key: 'error.required' } },
      });
  });

  it('accepts the setup card with defaults for the choices', () => {
    const r = parseGroupSettings({ name: ' Søbakken ', association: 'Kilden', area: 'Afd. 7' }, 'da');
    expect(r).toEqual({
      ok: true,
      value: {
        name: 'Søbakken',
        association: 'Kilden',
        area: 'Afd. 7',
        phase: 'undervejs',
        language: 'da',
        revealMode: 'named',
      },
    });
  });

  it('marks every problem of the setup card', () => {
    const r = parseGroupSettings(
      { name: '', association: 'x'.repeat(101), area: 7, phase: 'bagefter' },
      'da',
    );
    expect(r.ok).toBe(false);
    expect(!r.ok && r.errors).toEqual({
      name: { key: 'error.required' },
      association: { key: 'error.tooLong', vars: { max: 100 } },
      area: { key: 'error.invalid' },
      phase: { key: 'error.invalid' },
    });
  });

  it('requires a known role category and a role title to join', () => {
    expect(parseJoin({ roleCategory: 'imellem', roleTitle: 'Varmemester' }).ok).toBe(true);
    const r = parseJoin({ roleCategory: 'chef', roleTitle: '' });
    expect(!r.ok && Object.keys(r.errors).sort()).toEqual(['roleCategory', 'roleTitle']);
  });

  it('counts length in characters, not UTF-16 units', () => {
    expect(parseJoin({ roleCategory: 'andet', roleTitle: '🙂'.repeat(100) }).ok).toBe(true);
    expect(parseJoin({ roleCategory: 'andet', roleTitle: '🙂'.repeat(101) }).ok).toBe(false);
  });
});

describe('invitation input', () => {
  it('proposes the next meeting about four weeks after the last, at its times and place, never in the past', () => {
    const last = { date: '2027-01-14', start: '09:30', end: '11:30', location: 'Beboerhuset' };
    expect(draftValues(undefined, '2027-01-15', last)).toEqual({
      ...last,
      date: '2027-02-11',
      text: undefined,
    });
    // Meeting 1 was long ago: two weeks from today, still at its times and place.
    expect(draftValues(undefined, '2027-03-01', last).date).toBe('2027-03-15');
    expect(draftValues(undefined, '2027-03-01', last).start).toBe('09:30');
    // The first meeting: two weeks from today at 13:00.
    expect(draftValues(undefined, '2027-03-01')).toMatchObject({
      date: '2027-03-15',
      start: '13:00',
      location: '',
    });
  });

  const good = {
    date: '2027-01-14',
    start: '13:00',
    end: '15:00',
    location: 'Beboerhuset',
    text: 'Hej alle',
  };

  it('accepts a meeting in the future', () => {
    expect(parseInvitation(good, '2026-11-26')).toEqual({ ok: true, value: good });
  });

  it.each([
    [{ date: '2027-02-30' }, 'date', 'error.date'],
    [{ date: '14-01-2027' }, 'date', 'error.date'],
    [{ date: '2026-11-25' }, 'date', 'error.datePast'],
    [{ date: '9999-12-31' }, 'date', 'error.dateFar'],
    [{ date: '2028-11-27' }, 'date', 'error.dateFar'],
    [{ start: '25:00' }, 'start', 'error.time'],
    [{ end: '12:00' }, 'end', 'error.endBeforeStart'],
    [{ end: '13:00' }, 'end', 'error.endBeforeStart'],
    [{ location: '' }, 'location', 'error.required'],
    [{ text: 'x'.repeat(2001) }, 'text', 'error.tooLong'],
  ])('refuses %j', (change, field, key) => {
    const r = parseInvitation({ ...good, ...change }, '2026-11-26');
    expect(r.ok).toBe(false);
    expect(!r.ok && r.errors[field].key).toBe(key);
  });
});

describe('schedule', () => {
  it('defaults the end to two hours after the start, within the day', () => {
    expect(addHours('13:00', 2)).toBe('15:00');
    expect(addHours('09:30', 2)).toBe('11:30');
    expect(addHours('23:00', 2)).toBe('23:59');
  });

  it('knows real dates and today in a time zone', () => {
    expect(isValidDate('2028-02-29')).toBe(true);
    expect(isValidDate('2027-02-29')).toBe(false);
    expect(todayIn('Europe/Copenhagen', new Date('2026-11-26T23:30:00Z'))).toBe('2026-11-27');
    expect(addDays('2026-12-25', 14)).toBe('2027-01-08');
  });

  it('lets a deadline be at most two years ahead, in the project as in an invitation', () => {
    expect(addYears('2028-02-29', 2)).toBe('2030-03-01');
    const choice = { choice: 'p1', owner: 'o1', firstStep: 'Ring til varmemesteren' };
    expect(parseChoice({ ...choice, dueDate: '2028-11-26' }, '2026-11-26').ok).toBe(true);
    const far = parseChoice({ ...choice, dueDate: '9999-01-01' }, '2026-11-26');
    expect(!far.ok && far.errors.dueDate).toEqual({ key: 'error.dateFar', vars: { last: '2028-11-26' } });
  });
});
