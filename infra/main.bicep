// Erfaringsgruppe in Azure: Table Storage reached with a managed identity (no keys), a Linux web app
// on Node 24 LTS, an Azure Bot (single-tenant) with the Teams channel, and optional Application Insights.
// Deploy: see docs/deploy.md (az deployment group create … or the Agents Toolkit's m365agents.yml).

@description('Short name used in every resource name (lowercase letters and digits).')
@minLength(3)
@maxLength(16)
param name string = 'erfgruppe'

@description('Azure region for the storage account, plan and web app.')
param location string = resourceGroup().location

@description('Client id of the bot\'s Entra ID app registration (single-tenant).')
param botAppId string

@description('Tenant of the app registration: the housing association\'s own tenant.')
param botTenantId string = tenant().tenantId

@secure()
@description('Client secret of the app registration.')
param botAppPassword string

@secure()
@description('Key that signs calendar and overview links: base64 of at least 32 random bytes (openssl rand -base64 32). Pass the same value on every deployment (the toolkit keeps it in env/.env.<env>.user); the generated default changes with each deployment.')
param linkSigningKey string = base64('${newGuid()}${newGuid()}${newGuid()}')

@secure()
@description('The previous link-signing key during a rotation: links signed with it keep working. Empty otherwise.')
param linkSigningKeyPrevious string = ''

@description('Teams app id (manifest "id"); leave empty to use the bot\'s app id.')
param teamsAppId string = ''

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
  { name: 'MicrosoftAppId', value: botAppId }
  { name: 'MicrosoftAppPassword', value: botAppPassword }
  { name: 'MicrosoftAppType', value: 'SingleTenant' }
  { name: 'MicrosoftAppTenantId', value: botTenantId }
  { name: 'ALLOWED_TENANTS', value: botTenantId }
  { name: 'AZURE_STORAGE_ACCOUNT_URL', value: storage.properties.primaryEndpoints.table }
  { name: 'BOT_DOMAIN', value: botDomain }
  { name: 'LINK_SIGNING_KEY', value: linkSigningKey }
  { name: 'LINK_SIGNING_KEY_PREVIOUS', value: linkSigningKeyPrevious }
  { name: 'TEAMS_APP_ID', value: empty(teamsAppId) ? botAppId : teamsAppId }
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
  identity: { type: 'SystemAssigned' }
  properties: {
    serverFarmId: plan.id
    httpsOnly: true
    siteConfig: {
      linuxFxVersion: 'NODE|24-lts'
      appCommandLine: 'node --max-old-space-size=160 --max-semi-space-size=2 dist/src/index.js'
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
  location: 'global'
  kind: 'azurebot'
  sku: { name: 'F0' }
  properties: {
    displayName: 'Erfaringsgruppe'
    endpoint: 'https://${botDomain}/api/messages'
    msaAppId: botAppId
    msaAppType: 'SingleTenant'
    msaAppTenantId: botTenantId
  }
}

resource teams 'Microsoft.BotService/botServices/channels@2022-09-15' = {
  parent: bot
  name: 'MsTeamsChannel'
  location: 'global'
  properties: {
    channelName: 'MsTeamsChannel'
    properties: { isEnabled: true }
  }
}

output webAppName string = web.name
output webAppResourceId string = web.id
output botDomain string = botDomain
output botEndpoint string = 'https://${botDomain}/api/messages'
output storageTableEndpoint string = storage.properties.primaryEndpoints.table
