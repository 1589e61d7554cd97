import type { ConfigurationBotFrameworkAuthentication } from 'botbuilder';
import { AuthenticationConstants } from 'botframework-connector';

type ClaimsIdentity = Parameters<ConfigurationBotFrameworkAuthentication['createConnectorFactory']>[0];
type ConnectorFactory = ReturnType<ConfigurationBotFrameworkAuthentication['createConnectorFactory']>;
type ConnectorClient = Awaited<ReturnType<ConnectorFactory['create']>>;

/** At most this many clients are kept (Teams uses a handful of service URLs); the oldest goes first. */
const MAX_KEPT = 32;

/** The app id the SDK's factories sign in as for these claims (its own `getAppId`). */
export function appIdOf(claims: ClaimsIdentity): string {
  return (
    claims.getClaimValue(AuthenticationConstants.AudienceClaim) ??
    claims.getClaimValue(AuthenticationConstants.AppIdClaim) ??
    ''
  );
}

/**
 * Connector clients made once and reused, per app id, audience and service URL: the SDK's factory
 * builds a new client (credentials and a whole HTTP pipeline) for every turn and every proactive
 * send. Each client is still made by the SDK's factory, and its credentials get and refresh the
 * tokens themselves, so nothing here holds a token (botbuilder's older BotFrameworkAdapter kept
 * its clients the same way). A client that failed to be made is not kept.
 */
export class KeptClients<T> {
  private readonly kept = new Map<string, Promise<T>>();

  /** The client kept under `key`, or the one `make` makes (and is then kept). */
  get(key: string, make: () => Promise<T>): Promise<T> {
    const kept = this.kept.get(key);
    if (kept) {
      this.kept.delete(key);
      this.kept.set(key, kept);
      return kept;
    }
    const made = make();
    this.kept.set(key, made);
    if (this.kept.size > MAX_KEPT) this.kept.delete(this.kept.keys().next().value as string);
    made.catch(() => {
      if (this.kept.get(key) === made) this.kept.delete(key);
    });
    return made;
  }
}

/** A factory whose clients are kept in `clients` under `scope` (app id and the factory's audience). */
export function keptConnectorFactory(
  factory: ConnectorFactory,
  clients: KeptClients<ConnectorClient>,
  scope: string,
): ConnectorFactory {
  return {
    create: (serviceUrl: string, audience?: string) =>
      clients.get(`${scope}|${audience ?? ''}|${serviceUrl}`, () => factory.create(serviceUrl, audience)),
  };
}
