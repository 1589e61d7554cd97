import { RestError, TableClient } from '@azure/data-tables';
import {
  ActivityHandler,
  CloudAdapter,
  ConfigurationBotFrameworkAuthentication,
  type InvokeResponse,
  type TurnContext,
} from 'botbuilder';
import restify from 'restify';

/** The floor: the same server stack (restify, CloudAdapter, Table client) doing one point read, one upsert and one reply. */
export async function startFloor(
  connectionString: string,
  onRequest: () => void,
): Promise<{ url: string; stop: () => Promise<void> }> {
  const table = TableClient.fromConnectionString(connectionString, 'floor', {
    allowInsecureConnection: true,
    additionalPolicies: [
      { position: 'perRetry', policy: { name: 'count', sendRequest: (r, next) => (onRequest(), next(r)) } },
    ],
  });
  await table.createTable();
  class FloorBot extends ActivityHandler {
    protected override async onInvokeActivity(context: TurnContext): Promise<InvokeResponse> {
      const pk = context.activity.conversation.id.replace(/[^\w-]/g, '');
      const rk = (context.activity.from.aadObjectId ?? 'x').replace(/[^\w-]/g, '');
      await table.getEntity(pk, rk).catch((err: unknown) => {
        if (!(err instanceof RestError && err.statusCode === 404)) throw err;
      });
      await table.upsertEntity(
        { partitionKey: pk, rowKey: rk, value: JSON.stringify(context.activity.value ?? {}) },
        'Replace',
      );
      return {
        status: 200,
        body: { statusCode: 200, type: 'application/vnd.microsoft.activity.message', value: 'ok' },
      };
    }
  }
  const adapter = new CloudAdapter(new ConfigurationBotFrameworkAuthentication({}));
  const bot = new FloorBot();
  const server = restify.createServer();
  server.use(restify.plugins.jsonBodyParser({ mapParams: false }));
  server.post('/api/messages', async (req, res) => {
    await adapter.process(req, res, (context) => bot.run(context));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  return {
    url: `http://127.0.0.1:${server.address().port}`,
    stop: () =>
      new Promise((resolve) => {
        server.close(() => resolve());
        server.server.closeIdleConnections();
      }),
  };
}
