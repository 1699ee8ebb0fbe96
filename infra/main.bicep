// LessonReview on Azure (azd template style): a resource group with Container Apps for `web` and
// `worker`, Blob Storage for media, PostgreSQL Flexible Server, Key Vault, Log Analytics and
// Application Insights. Every app setting is a configuration key documented in the README.
targetScope = 'subscription'

@minLength(1)
@maxLength(64)
@description('Name of the azd environment; used to name and tag everything.')
param environmentName string

@minLength(1)
@description('Azure region for all resources.')
param location string

@description('Object id of the user running azd, given access to Key Vault secrets.')
param principalId string = ''

@secure()
@description('Administrator password of the PostgreSQL server (azd generates and keeps it in Key Vault).')
param postgresAdminPassword string

@description('Name of a Key Vault certificate that encrypts the cookie key ring (README "Deploy it"); empty: keys stored unencrypted in the database.')
param dataProtectionCertificateName string = ''

param webImageName string = ''
param workerImageName string = ''

var abbrs = loadJsonContent('abbreviations.json')
var resourceToken = toLower(uniqueString(subscription().id, environmentName, location))
var tags = { 'azd-env-name': environmentName }

resource rg 'Microsoft.Resources/resourceGroups@2022-09-01' = {
  name: '${abbrs.resourcesResourceGroups}${environmentName}'
  location: location
  tags: tags
}

module resources 'resources.bicep' = {
  name: 'resources'
  scope: rg
  params: {
    location: location
    tags: tags
    resourceToken: resourceToken
    principalId: principalId
    postgresAdminPassword: postgresAdminPassword
    webImageName: webImageName
    workerImageName: workerImageName
    dataProtectionCertificateName: dataProtectionCertificateName
  }
}

output AZURE_LOCATION string = location
output AZURE_RESOURCE_GROUP string = rg.name
output AZURE_CONTAINER_REGISTRY_ENDPOINT string = resources.outputs.registryEndpoint
output AZURE_KEY_VAULT_NAME string = resources.outputs.keyVaultName
output WEB_URI string = resources.outputs.webUri
