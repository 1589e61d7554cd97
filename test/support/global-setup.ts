import { startAzurite } from '../../src/store/azurite';

/** Starts one in-memory Azurite for the whole test run; workers find it through the environment. */
export default async function globalSetup(): Promise<void> {
  const azurite = await startAzurite({});
  process.env.TEST_AZURITE_HOST = azurite.host;
  process.env.TEST_AZURITE_PORT = String(azurite.port);
  (globalThis as { __azurite?: typeof azurite }).__azurite = azurite;
}
