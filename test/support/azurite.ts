import { azuriteConnectionString } from '../../src/store/connect';

/** The connection string of the test run's Azurite (started in global-setup). */
export function testConnectionString(): string {
  const host = process.env.TEST_AZURITE_HOST;
  const port = Number(process.env.TEST_AZURITE_PORT);
  if (!host || !port) throw new Error('Azurite was not started: run the tests through jest (global-setup)');
  return azuriteConnectionString(host, port);
}
