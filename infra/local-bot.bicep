// F5 into Teams (m365agents.local.yml): an Azure Bot for the developer's dev tunnel. The toolkit's
// botFramework/create registers multi-tenant apps only, and Azure creates no new multi-tenant bots,
// so the local bot is an Azure Bot like the deployed one, single-tenant, with the dev registration
// (aadApp/create, a client secret kept in env/.env.local.user) as its identity. Run on every F5:
// a changed tunnel address updates the endpoint. Nothing else is created; the bot runs on this machine.
// Outputs are the Agents Toolkit's environment variables (their names upper-cased, see main.bicep).

@description('Short name used in the bot\'s resource name (lowercase letters and digits).')
@minLength(3)
@maxLength(24)
param name string

@description('Client id of the dev app registration (single-tenant, with a client secret).')
param botAppId string

@description('Tenant of the dev app registration: the Microsoft 365 tenant you debug in.')
param botTenantId string

@description('The dev tunnel\'s public address (https://…devtunnels.ms), without a path.')
param botEndpoint string

@description('global, or westeurope for EU data residency.')
@allowed(['global', 'westeurope'])
param botLocation string = 'westeurope'

resource bot 'Microsoft.BotService/botServices@2022-09-15' = {
  name: '${name}-local-${uniqueString(resourceGroup().id, name)}'
  location: botLocation
  kind: 'azurebot'
  sku: { name: 'F0' }
  properties: {
    displayName: 'Erfaringsgruppe (local)'
    endpoint: '${botEndpoint}/api/messages'
    msaAppId: botAppId
    msaAppType: 'SingleTenant'
    msaAppTenantId: botTenantId
  }
}

resource teams 'Microsoft.BotService/botServices/channels@2022-09-15' = {
  parent: bot
  name: 'MsTeamsChannel'
  location: botLocation
  properties: {
    channelName: 'MsTeamsChannel'
    properties: { isEnabled: true }
  }
}

output BOT_ID string = botAppId
output BOT_TENANT_ID string = botTenantId
output BOT_AZURE_RESOURCE_NAME string = bot.name
