import {
  ConfigurationBotFrameworkAuthentication,
  type ConfigurationBotFrameworkAuthenticationOptions,
} from 'botbuilder';
import type { AppDeps } from '../app/context';
import { setInactive } from '../app/group';
import type { Config } from '../config';
import { groupKeyOf } from '../store/keys';
import { EdgeAdapter } from './http-turn';
import { Outbox } from './send';
import type { Logger } from '../log';

/** The Bot Framework adapter: authenticated with the app's credentials, or open in local mode. */
export function createAdapter(config: Config, log: Logger): EdgeAdapter {
  const options: Partial<ConfigurationBotFrameworkAuthenticationOptions> = config.auth
    ? {
        MicrosoftAppId: config.auth.appId,
        MicrosoftAppPassword: config.auth.appPassword,
        MicrosoftAppType: config.auth.appType,
        MicrosoftAppTenantId: config.auth.tenantId,
      }
    : {};
  const adapter = new EdgeAdapter(
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

/** The outbox of a running bot: background card updates go through the adapter; a 403/404 marks the group inactive. */
export function createOutbox(adapter: EdgeAdapter, config: Config, app: AppDeps, log: Logger): Outbox {
  return new Outbox(log, {
    continueConversation: (reference, logic) =>
      adapter.continueConversationAsync(config.auth?.appId ?? '', reference, logic),
    onConversationGone: async (reference, status) => {
      const tenantId = reference.conversation?.tenantId ?? 'local';
      const conversationId = (reference.conversation?.id ?? '').split(';messageid=')[0];
      const groupKey = groupKeyOf(tenantId, conversationId);
      await setInactive(
        app,
        {
          tenantId,
          groupKey,
          userId: '',
          name: '',
          language: app.defaultLanguage,
          chat: 'group',
          conversation: {},
        },
        status,
      );
    },
  });
}
