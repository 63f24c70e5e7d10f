// Lets the bot's managed identity read posture in one subscription: Reader (resources, subscriptions) and Security
// Reader (Defender for Cloud assessments, sub-assessments, secure scores, governance, attack paths).
// Deploy with Owner or User Access Administrator rights on the subscription:
//   az deployment sub create --location <region> --template-file infra/posture-reader.subscription.bicep \
//     --parameters principalId=<BOT_PRINCIPAL_ID from env/.env.<environment>>
targetScope = 'subscription'

@description('The object (principal) id of the bot\'s managed identity: BOT_PRINCIPAL_ID, an output of azure.bicep.')
param principalId string

var readerRoles = [
  'acdd72a7-3385-48ef-bd42-f606fba81ae7' // Reader
  '39bc4728-0917-49c7-9d2c-d95423bc2eb4' // Security Reader
]

resource postureReader 'Microsoft.Authorization/roleAssignments@2022-04-01' = [for role in readerRoles: {
  name: guid(subscription().id, principalId, role)
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', role)
    principalId: principalId
    principalType: 'ServicePrincipal'
  }
}]
