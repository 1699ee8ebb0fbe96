// Everything inside the resource group. App settings use the app's configuration keys with `__`
// for `:` (README "Configure it"); secrets come from Key Vault through the apps' managed identities.
param location string
param tags object
param resourceToken string
param principalId string
@secure()
param postgresAdminPassword string
param webImageName string
param workerImageName string
@description('Key Vault certificate that encrypts the cookie key ring; empty: none.')
param dataProtectionCertificateName string = ''

var abbrs = loadJsonContent('abbreviations.json')
var webName = '${abbrs.appContainerApps}web-${resourceToken}'
var workerName = '${abbrs.appContainerApps}worker-${resourceToken}'
var mediaContainer = 'media'
var databaseName = 'lessonreview'
var postgresAdmin = 'lessonreview'

// ---------- monitoring ----------
resource logs 'Microsoft.OperationalInsights/workspaces@2022-10-01' = {
  name: '${abbrs.operationalInsightsWorkspaces}${resourceToken}'
  location: location
  tags: tags
  properties: { sku: { name: 'PerGB2018' }, retentionInDays: 30 }
}

resource insights 'Microsoft.Insights/components@2020-02-02' = {
  name: '${abbrs.insightsComponents}${resourceToken}'
  location: location
  tags: tags
  kind: 'web'
  properties: { Application_Type: 'web', WorkspaceResourceId: logs.id }
}

// ---------- identities ----------
resource webIdentity 'Microsoft.ManagedIdentity/userAssignedIdentities@2023-01-31' = {
  name: '${abbrs.managedIdentityUserAssignedIdentities}web-${resourceToken}'
  location: location
  tags: tags
}

resource workerIdentity 'Microsoft.ManagedIdentity/userAssignedIdentities@2023-01-31' = {
  name: '${abbrs.managedIdentityUserAssignedIdentities}worker-${resourceToken}'
  location: location
  tags: tags
}

// ---------- container registry ----------
resource registry 'Microsoft.ContainerRegistry/registries@2023-07-01' = {
  name: '${abbrs.containerRegistryRegistries}${resourceToken}'
  location: location
  tags: tags
  sku: { name: 'Basic' }
  properties: { adminUserEnabled: false }
}

var acrPullRole = subscriptionResourceId('Microsoft.Authorization/roleDefinitions', '7f951dda-4ed3-4680-a7ca-43fe172d538d')
resource webAcrPull 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(registry.id, webIdentity.id, acrPullRole)
  scope: registry
  properties: { roleDefinitionId: acrPullRole, principalId: webIdentity.properties.principalId, principalType: 'ServicePrincipal' }
}
resource workerAcrPull 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(registry.id, workerIdentity.id, acrPullRole)
  scope: registry
  properties: { roleDefinitionId: acrPullRole, principalId: workerIdentity.properties.principalId, principalType: 'ServicePrincipal' }
}

// ---------- container apps environment (its domain names the web app's origin for CORS) ----------
resource appsEnvironment 'Microsoft.App/managedEnvironments@2024-03-01' = {
  name: '${abbrs.appManagedEnvironments}${resourceToken}'
  location: location
  tags: tags
  properties: {
    appLogsConfiguration: {
      destination: 'log-analytics'
      logAnalyticsConfiguration: { customerId: logs.properties.customerId, sharedKey: logs.listKeys().primarySharedKey }
    }
  }
}
var webOrigin = 'https://${webName}.${appsEnvironment.properties.defaultDomain}'

// ---------- media storage (Shared Key stays on: the app signs requests and SAS URLs with it) ----------
resource storage 'Microsoft.Storage/storageAccounts@2023-01-01' = {
  name: '${abbrs.storageStorageAccounts}${resourceToken}'
  location: location
  tags: tags
  kind: 'StorageV2'
  sku: { name: 'Standard_LRS' }
  properties: { allowBlobPublicAccess: false, allowSharedKeyAccess: false, minimumTlsVersion: 'TLS1_2', supportsHttpsTrafficOnly: true }
}

resource blobService 'Microsoft.Storage/storageAccounts/blobServices@2023-01-01' = {
  parent: storage
  name: 'default'
  properties: {
    cors: {
      corsRules: [
        {
          allowedOrigins: [ webOrigin ]
          allowedMethods: [ 'GET', 'HEAD', 'OPTIONS' ]
          allowedHeaders: [ '*' ]
          exposedHeaders: [ '*' ]
          maxAgeInSeconds: 3600
        }
      ]
    }
  }
}

resource media 'Microsoft.Storage/storageAccounts/blobServices/containers@2023-01-01' = {
  parent: blobService
  name: mediaContainer
  properties: { publicAccess: 'None' }
}

// The apps reach Blob Storage with their managed identities (no account key exists for them):
// read and write blobs, and (web) borrow user-delegation keys to sign browsers' read URLs.
var blobDataContributorRole = subscriptionResourceId('Microsoft.Authorization/roleDefinitions', 'ba92f5b4-2d11-453d-a403-e96b0029c9fe')
var blobDelegatorRole = subscriptionResourceId('Microsoft.Authorization/roleDefinitions', 'db58b8e5-c6ad-4a2a-8342-4190687cbf4a')
resource webBlobData 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(storage.id, webIdentity.id, blobDataContributorRole)
  scope: storage
  properties: { roleDefinitionId: blobDataContributorRole, principalId: webIdentity.properties.principalId, principalType: 'ServicePrincipal' }
}
resource webBlobDelegator 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(storage.id, webIdentity.id, blobDelegatorRole)
  scope: storage
  properties: { roleDefinitionId: blobDelegatorRole, principalId: webIdentity.properties.principalId, principalType: 'ServicePrincipal' }
}
resource workerBlobData 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(storage.id, workerIdentity.id, blobDataContributorRole)
  scope: storage
  properties: { roleDefinitionId: blobDataContributorRole, principalId: workerIdentity.properties.principalId, principalType: 'ServicePrincipal' }
}

// ---------- database ----------
resource postgres 'Microsoft.DBforPostgreSQL/flexibleServers@2022-12-01' = {
  name: '${abbrs.dBforPostgreSQLServers}${resourceToken}'
  location: location
  tags: tags
  sku: { name: 'Standard_B1ms', tier: 'Burstable' }
  properties: {
    version: '15'
    administratorLogin: postgresAdmin
    administratorLoginPassword: postgresAdminPassword
    storage: { storageSizeGB: 32 }
    backup: { backupRetentionDays: 7, geoRedundantBackup: 'Disabled' }
    highAvailability: { mode: 'Disabled' }
  }
}

resource database 'Microsoft.DBforPostgreSQL/flexibleServers/databases@2022-12-01' = {
  parent: postgres
  name: databaseName
  properties: { charset: 'UTF8', collation: 'en_US.utf8' }
}

resource allowAzure 'Microsoft.DBforPostgreSQL/flexibleServers/firewallRules@2022-12-01' = {
  parent: postgres
  name: 'AllowAzureServices'
  properties: { startIpAddress: '0.0.0.0', endIpAddress: '0.0.0.0' }
}

// ---------- secrets ----------
resource vault 'Microsoft.KeyVault/vaults@2023-07-01' = {
  name: '${abbrs.keyVaultVaults}${resourceToken}'
  location: location
  tags: tags
  properties: { tenantId: subscription().tenantId, sku: { family: 'A', name: 'standard' }, enableRbacAuthorization: true }
}

resource databaseSecret 'Microsoft.KeyVault/vaults/secrets@2023-07-01' = {
  parent: vault
  name: 'database-connection-string'
  properties: {
    value: 'Host=${postgres.properties.fullyQualifiedDomainName};Database=${databaseName};Username=${postgresAdmin};Password=${postgresAdminPassword};SSL Mode=Require'
  }
}

var secretsUserRole = subscriptionResourceId('Microsoft.Authorization/roleDefinitions', '4633458b-17de-408a-b874-0445c86b69e6')
resource webSecrets 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(vault.id, webIdentity.id, secretsUserRole)
  scope: vault
  properties: { roleDefinitionId: secretsUserRole, principalId: webIdentity.properties.principalId, principalType: 'ServicePrincipal' }
}
resource workerSecrets 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(vault.id, workerIdentity.id, secretsUserRole)
  scope: vault
  properties: { roleDefinitionId: secretsUserRole, principalId: workerIdentity.properties.principalId, principalType: 'ServicePrincipal' }
}
var secretsOfficerRole = subscriptionResourceId('Microsoft.Authorization/roleDefinitions', 'b86a8fe4-44ce-4948-aee5-eccb2c155cd7')
resource operatorSecrets 'Microsoft.Authorization/roleAssignments@2022-04-01' = if (!empty(principalId)) {
  name: guid(vault.id, principalId, secretsOfficerRole)
  scope: vault
  properties: { roleDefinitionId: secretsOfficerRole, principalId: principalId, principalType: 'User' }
}

// ---------- app settings shared by web and worker ----------
var sharedSettings = [
  { name: 'Database__Provider', value: 'PostgreSQL' }
  { name: 'ConnectionStrings__Database', secretRef: 'database-connection-string' }
  { name: 'Storage__Provider', value: 'Azure' }
  { name: 'Storage__Azure__ServiceUri', value: storage.properties.primaryEndpoints.blob }
  { name: 'Storage__Azure__Container', value: mediaContainer }
  { name: 'Storage__Azure__AllowedOrigins', value: webOrigin }
  { name: 'Events__Provider', value: 'PostgreSQL' }
  { name: 'Media__MaxHeight', value: '720' }
  // Only the Container Apps ingress reaches the apps; its addresses are not fixed.
  { name: 'ForwardedHeaders__TrustAllProxies', value: 'true' }
  // OpenTelemetry traces, metrics and logs of both apps go to Application Insights (README "Telemetry").
  { name: 'APPLICATIONINSIGHTS_CONNECTION_STRING', value: insights.properties.ConnectionString }
]

// The cookie key ring (Data Protection, in the database) is encrypted with a Key Vault certificate when one
// is named: a certificate's secret is its PFX, base64, which is what DataProtection:Certificate takes. Only
// the web app reads cookies. Create it once: az keyvault certificate create --vault-name <vault> -n dataprotection
//   -p "$(az keyvault certificate get-default-policy)"; then azd env set DATA_PROTECTION_CERTIFICATE dataprotection.
var dataProtectionSecrets = empty(dataProtectionCertificateName) ? [] : [
  { name: 'dataprotection-certificate', keyVaultUrl: '${vault.properties.vaultUri}secrets/${dataProtectionCertificateName}', identity: webIdentity.id }
]
var dataProtectionSettings = empty(dataProtectionCertificateName) ? [] : [
  { name: 'DataProtection__Certificate', secretRef: 'dataprotection-certificate' }
]

// ---------- web ----------
resource web 'Microsoft.App/containerApps@2024-03-01' = {
  name: webName
  location: location
  tags: union(tags, { 'azd-service-name': 'web' })
  identity: { type: 'UserAssigned', userAssignedIdentities: { '${webIdentity.id}': {} } }
  dependsOn: [ webAcrPull, webSecrets, webBlobData, webBlobDelegator ]
  properties: {
    managedEnvironmentId: appsEnvironment.id
    configuration: {
      // Sticky sessions: SignalR's negotiate and its connection must reach the same replica (clients keep
      // negotiation, so networks that block WebSockets still get Server-Sent Events or long polling).
      ingress: { external: true, targetPort: 8080, transport: 'auto', stickySessions: { affinity: 'sticky' } }
      registries: [ { server: registry.properties.loginServer, identity: webIdentity.id } ]
      secrets: concat([
        { name: 'database-connection-string', keyVaultUrl: databaseSecret.properties.secretUri, identity: webIdentity.id }
      ], dataProtectionSecrets)
    }
    template: {
      containers: [
        {
          name: 'web'
          image: empty(webImageName) ? 'mcr.microsoft.com/dotnet/samples:aspnetapp' : webImageName
          resources: { cpu: json('1.0'), memory: '2Gi' }
          env: concat(sharedSettings, dataProtectionSettings, [
            { name: 'Storage__Azure__ClientId', value: webIdentity.properties.clientId }
            { name: 'Worker__Enabled', value: 'false' }
            { name: 'Upload__MaxBytes', value: '8589934592' }
          ])
          probes: [
            { type: 'Liveness', httpGet: { path: '/alive', port: 8080 } }
            { type: 'Readiness', httpGet: { path: '/health', port: 8080 } }
          ]
        }
      ]
      scale: { minReplicas: 1, maxReplicas: 3 }
    }
  }
}

// ---------- worker ----------
resource worker 'Microsoft.App/containerApps@2024-03-01' = {
  name: workerName
  location: location
  tags: union(tags, { 'azd-service-name': 'worker' })
  identity: { type: 'UserAssigned', userAssignedIdentities: { '${workerIdentity.id}': {} } }
  dependsOn: [ workerAcrPull, workerSecrets, workerBlobData ]
  properties: {
    managedEnvironmentId: appsEnvironment.id
    configuration: {
      registries: [ { server: registry.properties.loginServer, identity: workerIdentity.id } ]
      secrets: [
        { name: 'database-connection-string', keyVaultUrl: databaseSecret.properties.secretUri, identity: workerIdentity.id }
      ]
    }
    template: {
      containers: [
        {
          name: 'worker'
          image: empty(workerImageName) ? 'mcr.microsoft.com/dotnet/samples:dotnetapp' : workerImageName
          resources: { cpu: json('2.0'), memory: '4Gi' }
          env: concat(sharedSettings, [
            { name: 'Storage__Azure__ClientId', value: workerIdentity.properties.clientId }
            { name: 'Media__Threads', value: '2' }
            { name: 'Worker__LeaseSeconds', value: '120' }
          ])
        }
      ]
      scale: { minReplicas: 1, maxReplicas: 4 }
    }
  }
}

output registryEndpoint string = registry.properties.loginServer
output keyVaultName string = vault.name
output webUri string = 'https://${web.properties.configuration.ingress.fqdn}'
