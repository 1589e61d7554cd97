import type { EmbeddedAzurite } from '../../src/store/azurite';

/** Stops the Azurite started by global-setup. */
export default async function globalTeardown(): Promise<void> {
  await (globalThis as { __azurite?: EmbeddedAzurite }).__azurite?.stop();
}
