import sample from '../fixtures/sample-group.da.json';
import { user, type TestUser } from './activities';

/** The fixture's group settings, as the setup card sends them. */
export const sampleSettings: Record<string, string> = { ...sample.group };

/** The fixture's coordinator and six members, each with a fresh AAD id and their join inputs. */
export function samplePeople(): {
  coordinator: TestUser;
  members: (TestUser & { key: string; roleCategory: string; roleTitle: string })[];
} {
  return {
    coordinator: user(sample.coordinator.name),
    members: sample.members.map((m) => ({
      ...user(m.name),
      key: m.key,
      roleCategory: m.roleCategory,
      roleTitle: m.roleTitle,
    })),
  };
}

/** The fixture's invitation to meeting 1. */
export const sampleInvitation = sample.meetings[0].invitation as Record<string, string>;
