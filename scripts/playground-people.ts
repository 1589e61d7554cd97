/**
 * The people of the playground's mock chat (playground/.m365agentsplayground.yml; a unit test keeps
 * the two in step). Karen Holm is "you" in the playground; the others can only act through
 * `npm run members` (or the end-to-end test), which posts their clicks to the bot.
 */
export interface ChatPerson {
  id: string;
  name: string;
  aadObjectId: string;
  /** The member's key in test/fixtures/sample-group.da.json (their role and answers). */
  fixtureKey: string;
}

export const PLAYGROUND_TENANT_ID = '00000000-0000-4000-8000-000000000001';

export const KAREN: ChatPerson = {
  id: 'user-id-0',
  name: 'Karen Holm',
  aadObjectId: '00000000-0000-4000-8000-000000000020',
  fixtureKey: 'karen',
};

/** The five colleagues in the chat, in the order they join. */
export const COLLEAGUES: readonly ChatPerson[] = [
  {
    id: 'user-id-1',
    name: 'Jens Madsen',
    aadObjectId: '00000000-0000-4000-8000-000000000021',
    fixtureKey: 'jens',
  },
  {
    id: 'user-id-2',
    name: 'Aisha Yilmaz',
    aadObjectId: '00000000-0000-4000-8000-000000000022',
    fixtureKey: 'aisha',
  },
  {
    id: 'user-id-3',
    name: 'Søren Østergaard',
    aadObjectId: '00000000-0000-4000-8000-000000000023',
    fixtureKey: 'soeren',
  },
  {
    id: 'user-id-4',
    name: 'Mette Bæk',
    aadObjectId: '00000000-0000-4000-8000-000000000024',
    fixtureKey: 'mette',
  },
  {
    id: 'user-id-5',
    name: 'Ole Ravn',
    aadObjectId: '00000000-0000-4000-8000-000000000025',
    fixtureKey: 'ole',
  },
];
