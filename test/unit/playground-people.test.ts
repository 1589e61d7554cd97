import { readFileSync } from 'node:fs';
import path from 'node:path';
import sample from '../fixtures/sample-group.da.json';
import { COLLEAGUES, KAREN, PLAYGROUND_TENANT_ID } from '../../scripts/playground-people';

const yml = readFileSync(path.join(__dirname, '..', '..', 'playground', '.m365agentsplayground.yml'), 'utf8');

/** `npm run members` and the e2e test act as the playground's people: they must be the same people. */
describe('the playground people', () => {
  it('are the ones in the playground configuration, with the same ids', () => {
    expect(yml).toContain(`tenantId: ${PLAYGROUND_TENANT_ID}`);
    for (const person of [KAREN, ...COLLEAGUES]) {
      expect(yml).toMatch(
        new RegExp(`id: ${person.id}\\n\\s+name: ${person.name}\\n[^]*?aadObjectId: ${person.aadObjectId}`),
      );
    }
    expect(yml.match(/^\s+- id: user-id-\d/gm)).toHaveLength(COLLEAGUES.length);
  });

  it('are members of the sample group, so they have roles and answers', () => {
    for (const person of COLLEAGUES) {
      expect(sample.members.map((m) => m.key)).toContain(person.fixtureKey);
      expect(sample.meetings[0].answers).toHaveProperty(person.fixtureKey);
    }
  });
});
