import {
  CallerIdConstants,
  ConfigurationBotFrameworkAuthentication,
  type ConfigurationBotFrameworkAuthenticationOptions,
  type ConversationReference,
} from 'botbuilder';
import { AuthenticationConstants } from 'botframework-connector';
import type { App } from '../app';
import type { Config } from '../config';
import { groupKeyOf } from '../domain/conversation';
import { EdgeAdapter } from './http-turn';
import type { ConversationWatch } from './conversation-watch';
import { Outbox } from './outbox/outbox';
import { appIdOf, KeptClients, keptConnectorFactory } from './connector-clients';
import type { Logger } from '../log';

type ClaimsIdentity = Parameters<ConfigurationBotFrameworkAuthentication['createConnectorFactory']>[0];
type ConnectorFactory = ReturnType<ConfigurationBotFrameworkAuthentication['createConnectorFactory']>;
type ConnectorClient = Awaited<ReturnType<ConnectorFactory['create']>>;
type UserTokenClient = Awaited<ReturnType<ConfigurationBotFrameworkAuthentication['createUserTokenClient']>>;

/** The name of the retry policy in the connector client's HTTP pipeline (@azure/core-rest-pipeline). */
const CLIENT_RETRY_POLICY = 'defaultRetryPolicy';

/**
 * Turns off the connector client's own retries (4 attempts, honouring Retry-After): the Outbox is
 * the one retry layer, so every HTTP attempt passes its pacer and the total stays bounded.
 */
export function withoutClientRetries(client: ConnectorClient): ConnectorClient {
  const inner = client as unknown as {
    client?: { pipeline?: { removePolicy(p: { name: string }): unknown } };
  };
  inner.client?.pipeline?.removePolicy({ name: CLIENT_RETRY_POLICY });
  return client;
}

/** A connector factory whose clients do not retry on their own. */
function singleRetryLayer(factory: ConnectorFactory): ConnectorFactory {
  return {
    create: async (serviceUrl: string, audience?: string) =>
      withoutClientRetries(await factory.create(serviceUrl, audience)),
  };
}

/**
 * Bot Framework authentication whose connector clients do not retry on their own and are made once
 * per app id, audience and service URL (see `KeptClients`): the clients of a turn (made while
 * authenticating the request) and those for proactive sends. The user-token client (made for every
 * turn, unused by this bot) is kept per app id the same way.
 */
class SingleRetryLayerAuthentication extends ConfigurationBotFrameworkAuthentication {
  private readonly clients = new KeptClients<ConnectorClient>();
  private readonly tokenClients = new KeptClients<UserTokenClient>();

  override async authenticateRequest(
    ...args: Parameters<ConfigurationBotFrameworkAuthentication['authenticateRequest']>
  ): ReturnType<ConfigurationBotFrameworkAuthentication['authenticateRequest']> {
    const result = await super.authenticateRequest(...args);
    const factory = result.connectorFactory;
    if (!factory) return result;
    const scope = `turn|${appIdOf(result.claimsIdentity)}|${result.audience}`;
    return {
      ...result,
      connectorFactory: keptConnectorFactory(singleRetryLayer(factory), this.clients, scope),
    };
  }

  override createConnectorFactory(claimsIdentity: ClaimsIdentity): ConnectorFactory {
    const factory = singleRetryLayer(super.createConnectorFactory(claimsIdentity));
    return keptConnectorFactory(factory, this.clients, `proactive|${appIdOf(claimsIdentity)}`);
  }

  override createUserTokenClient(claimsIdentity: ClaimsIdentity): Promise<UserTokenClient> {
    return this.tokenClients.get(appIdOf(claimsIdentity), () => super.createUserTokenClient(claimsIdentity));
  }
}

/**
 * The public cloud's settings with the channel's signing keys read from `metadataUrl`: once one of
 * these is given the SDK takes all of them as given (BotFrameworkAuthenticationFactory), so each
 * gets the value the SDK would have used.
 */
function publicCloudWithKeysAt(metadataUrl: string): Partial<ConfigurationBotFrameworkAuthenticationOptions> {
  return {
    ValidateAuthority: true,
    ToChannelFromBotLoginUrl: AuthenticationConstants.ToChannelFromBotLoginUrl,
    ToChannelFromBotOAuthScope: AuthenticationConstants.ToChannelFromBotOAuthScope,
    ToBotFromChannelTokenIssuer: AuthenticationConstants.ToBotFromChannelTokenIssuer,
    OAuthUrl: AuthenticationConstants.OAuthUrl,
    ToBotFromChannelOpenIdMetadataUrl: metadataUrl,
    ToBotFromEmulatorOpenIdMetadataUrl: AuthenticationConstants.ToBotFromEmulatorOpenIdMetadataUrl,
    CallerId: CallerIdConstants.PublicAzureChannel,
  };
}

/**
 * The SDK's authentication settings. `UserAssignedMSI`: botbuilder 4.23's
 * ConfigurationServiceClientCredentialFactory then signs in with the managed identity whose client id
 * is the app id (ManagedIdentityServiceClientCredentialsFactory, tokens from the App Service identity
 * endpoint) and requires the tenant and no password.
 */
export function botFrameworkOptions(config: Config): ConfigurationBotFrameworkAuthenticationOptions {
  const auth = config.auth;
  const options: Partial<ConfigurationBotFrameworkAuthenticationOptions> = auth
    ? {
        MicrosoftAppId: auth.appId,
        MicrosoftAppPassword: auth.appType === 'UserAssignedMSI' ? undefined : auth.appPassword,
        MicrosoftAppType: auth.appType,
        MicrosoftAppTenantId: auth.tenantId,
        ...(auth.openIdMetadata ? publicCloudWithKeysAt(auth.openIdMetadata) : {}),
      }
    : {};
  return options as ConfigurationBotFrameworkAuthenticationOptions;
}

/** The Bot Framework adapter: authenticated with the app's credentials or managed identity, or open in local mode. */
export function createAdapter(config: Config, log: Logger): EdgeAdapter {
  const adapter = new EdgeAdapter(new SingleRetryLayerAuthentication(botFrameworkOptions(config)));
  adapter.onTurnError = async (context, error) => {
    log.error('turn.error', {
      error,
      type: context.activity.type,
      conversation: context.activity.conversation?.id,
    });
  };
  return adapter;
}

/** The outbox of a running bot: background card updates go through the adapter; a bot out of the chat marks the group inactive. */
export function createOutbox(
  adapter: EdgeAdapter,
  config: Config,
  app: App,
  log: Logger,
  watch?: ConversationWatch,
): Outbox {
  return new Outbox(log, {
    continueConversation: (reference, logic) =>
      adapter.continueConversationAsync(config.auth?.appId ?? '', reference, logic),
    onConversationGone: conversationGone(app, watch),
    recordPosted: ({ groupKey, meeting }, id) => app.outbox.recordPosted(groupKey, meeting, id),
  });
}

/** What the bot does when Teams says it is out of a chat: the group is marked inactive and no longer watched. */
export function conversationGone(
  app: App,
  watch?: ConversationWatch,
): (reference: Partial<ConversationReference>, status: number, code: string) => Promise<void> {
  return async (reference, status, code) => {
    const { tenantId, id } = reference.conversation ?? {};
    watch?.forget(groupKeyOf(tenantId ?? 'local', id ?? ''));
    await app.markGone(reference.conversation, status, code);
  };
}
