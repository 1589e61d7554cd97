import {
  CloudAdapter,
  ConfigurationBotFrameworkAuthentication,
  type ConfigurationBotFrameworkAuthenticationOptions,
} from 'botbuilder';
import type { Config } from '../config';
import type { Logger } from '../log';

/** The Bot Framework adapter: authenticated with the app's credentials, or open in local mode. */
export function createAdapter(config: Config, log: Logger): CloudAdapter {
  const options: Partial<ConfigurationBotFrameworkAuthenticationOptions> = config.auth
    ? {
        MicrosoftAppId: config.auth.appId,
        MicrosoftAppPassword: config.auth.appPassword,
        MicrosoftAppType: config.auth.appType,
        MicrosoftAppTenantId: config.auth.tenantId,
      }
    : {};
  const adapter = new CloudAdapter(
    new ConfigurationBotFrameworkAuthentication(options as ConfigurationBotFrameworkAuthenticationOptions),
  );
  adapter.onTurnError = async (context, error) => {
    log.error('turn.error', {
      error,
      type: context.activity.type,
      conversation: context.activity.conversation?.id,
    });
  };
  return adapter;
}
