// Erfaringsgruppe in Azure: Table Storage reached with a managed identity (no keys), a Linux web app
// on Node 24 LTS, an Azure Bot whose identity is a user-assigned managed identity (no secret to
// expire), the Teams channel, and optional Application Insights.
// Deploy: see docs/deploy.md (az deployment group create … or the Agents Toolkit's m365agents.yml).
//
// Output names are the Agents Toolkit's environment variables: arm/deploy writes each output as its
// name upper-cased (fx-core src/component/driver/arm/util/util.ts, convertOutput), so they are
// spelled that way here (test/unit/agents-toolkit.test.ts applies the same rule).

@description('Short name used in every resource name (lowercase letters and digits).')
@minLength(3)
@maxLength(16)
param name string = 'erfgruppe'

@description('Azure region for the storage account, plan, web app and identity (all data at rest stays here).')
param location string = resourceGroup().location

@description('Where the Azure Bot resource keeps what passes through it: global, or westeurope for EU data residency (Azure Bot regionalization).')
@allowed(['global', 'westeurope'])
param botLocation string = 'westeurope'

@description('Client id of the Entra ID app registration the overview tab\'s single sign-on is issued for (no secret).')
param ssoAppId string

@secure()
@description('Key that signs calendar and overview links: base64 of at least 32 random bytes (openssl rand -base64 32). Pass the same value on every deployment (the toolkit keeps it in env/.env.<env>.user); the generated default changes with each deployment.')
param linkSigningKey string = base64('${newGuid()}${newGuid()}${newGuid()}')

@secure()
@description('The previous link-signing key during a rotation: links signed with it keep working. Empty otherwise.')
param linkSigningKeyPrevious string = ''

@description('Teams app id (manifest "id"); leave empty to use the bot\'s id.')
param teamsAppId string = ''

@description('The app\'s id in the org catalog once published there (deep links need it); empty or the manifest id before.')
param teamsAppCatalogId string = ''

@description('App Service plan size. B1 is enough for many groups; P0v3 for zone-redundant production.')
param planSku string = 'B1'

@description('Create Application Insights (with a Log Analytics workspace) and turn on Node auto-instrumentation.')
param enableApplicationInsights bool = true

var suffix = uniqueString(resourceGroup().id, name)
var storageName = take(toLower('${name}${suffix}'), 24)
var webAppName = '${name}-${suffix}'
var botDomain = '${webAppName}.azurewebsites.net'
// Built-in role "Storage Table Data Contributor".
var tableDataContributor = '0a9a7e1f-b9d0-4cc4-a60d-0319b160aaa3'

// The bot's identity towards Teams: Azure issues its tokens, so there is no secret to rotate.
resource botIdentity 'Microsoft.ManagedIdentity/userAssignedIdentities@2023-01-31' = {
  name: '${name}-bot-${suffix}'
  location: location
}

resource storage 'Microsoft.Storage/storageAccounts@2023-05-01' = {
  name: storageName
  location: location
  kind: 'StorageV2'
  sku: { name: 'Standard_ZRS' }
  properties: {
    minimumTlsVersion: 'TLS1_2'
    supportsHttpsTrafficOnly: true
    allowBlobPublicAccess: false
    allowSharedKeyAccess: false // only Entra ID (the web app's managed identity) can reach the data
    defaultToOAuthAuthentication: true
  }
}

resource tableService 'Microsoft.Storage/storageAccounts/tableServices@2023-05-01' = {
  parent: storage
  name: 'default'
}

// The bot also creates these at start-up when they are missing; declaring them documents them.
resource tables 'Microsoft.Storage/storageAccounts/tableServices/tables@2023-05-01' = [
  for table in ['groups', 'coordinators', 'activities']: {
    parent: tableService
    name: table
  }
]

resource workspace 'Microsoft.OperationalInsights/workspaces@2023-09-01' = if (enableApplicationInsights) {
  name: '${name}-logs-${suffix}'
  location: location
  properties: {
    sku: { name: 'PerGB2018' }
    retentionInDays: 30
  }
}

resource insights 'Microsoft.Insights/components@2020-02-02' = if (enableApplicationInsights) {
  name: '${name}-insights-${suffix}'
  location: location
  kind: 'web'
  properties: {
    Application_Type: 'Node.JS'
    WorkspaceResourceId: workspace.id
  }
}

resource plan 'Microsoft.Web/serverfarms@2023-12-01' = {
  name: '${name}-plan-${suffix}'
  location: location
  kind: 'linux'
  sku: { name: planSku }
  properties: { reserved: true }
}

var baseSettings = [
  { name: 'MicrosoftAppId', value: botIdentity.properties.clientId }
  { name: 'MicrosoftAppType', value: 'UserAssignedMSI' }
  { name: 'MicrosoftAppTenantId', value: botIdentity.properties.tenantId }
  { name: 'SSO_APP_ID', value: ssoAppId }
  { name: 'ALLOWED_TENANTS', value: botIdentity.properties.tenantId }
  { name: 'AZURE_STORAGE_ACCOUNT_URL', value: storage.properties.primaryEndpoints.table }
  { name: 'BOT_DOMAIN', value: botDomain }
  { name: 'LINK_SIGNING_KEY', value: linkSigningKey }
  { name: 'LINK_SIGNING_KEY_PREVIOUS', value: linkSigningKeyPrevious }
  { name: 'TEAMS_APP_ID', value: empty(teamsAppId) ? botIdentity.properties.clientId : teamsAppId }
  { name: 'TEAMS_APP_CATALOG_ID', value: teamsAppCatalogId }
  { name: 'DEFAULT_LANGUAGE', value: 'da' }
  { name: 'TIME_ZONE', value: 'Europe/Copenhagen' }
  { name: 'LOG_LEVEL', value: 'info' }
  { name: 'SCM_DO_BUILD_DURING_DEPLOYMENT', value: 'false' } // the deployed zip is already built
  { name: 'MALLOC_ARENA_MAX', value: '2' } // fewer glibc malloc arenas: lower peak RSS (docs/performance.md)
]
var insightsSettings = enableApplicationInsights
  ? [
      { name: 'APPLICATIONINSIGHTS_CONNECTION_STRING', value: insights.properties.ConnectionString }
      { name: 'ApplicationInsightsAgent_EXTENSION_VERSION', value: '~3' }
    ]
  : []

resource web 'Microsoft.Web/sites@2023-12-01' = {
  name: webAppName
  location: location
  kind: 'app,linux'
  // System-assigned: the tables (DefaultAzureCredential picks it). User-assigned: the bot's identity.
  identity: {
    type: 'SystemAssigned, UserAssigned'
    userAssignedIdentities: { '${botIdentity.id}': {} }
  }
  properties: {
    serverFarmId: plan.id
    httpsOnly: true
    siteConfig: {
      linuxFxVersion: 'NODE|24-lts'
      appCommandLine: 'node --max-old-space-size=224 --max-semi-space-size=2 --heap-growing-percent=10 dist/src/index.js'
      alwaysOn: true
      http20Enabled: true
      minTlsVersion: '1.2'
      ftpsState: 'Disabled'
      healthCheckPath: '/healthz'
      appSettings: concat(baseSettings, insightsSettings)
    }
  }
}

resource tableAccess 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(storage.id, web.id, tableDataContributor)
  scope: storage
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', tableDataContributor)
    principalId: web.identity.principalId
    principalType: 'ServicePrincipal'
  }
}

resource bot 'Microsoft.BotService/botServices@2022-09-15' = {
  name: '${name}-bot-${suffix}'
  location: botLocation
  kind: 'azurebot'
  sku: { name: 'F0' }
  properties: {
    displayName: 'Erfaringsgruppe'
    endpoint: 'https://${botDomain}/api/messages'
    msaAppId: botIdentity.properties.clientId
    msaAppType: 'UserAssignedMSI'
    msaAppMSIResourceId: botIdentity.id
    msaAppTenantId: botIdentity.properties.tenantId
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

output WEB_APP_NAME string = web.name
output WEB_APP_RESOURCE_ID string = web.id
output BOT_ID string = botIdentity.properties.clientId
output BOT_TENANT_ID string = botIdentity.properties.tenantId
output BOT_DOMAIN string = botDomain
output BOT_ENDPOINT string = 'https://${botDomain}/api/messages'
output STORAGE_TABLE_ENDPOINT string = storage.properties.primaryEndpoints.table
