// Lets the bot's managed identity read posture in every subscription under a management group: Reader and Security
// Reader at the group. Deploy with Owner or User Access Administrator rights on the management group:
//   az deployment mg create --management-group-id <group-id> --location <region> \
//     --template-file infra/posture-reader.managementGroup.bicep --parameters principalId=<BOT_PRINCIPAL_ID>
// Then set AZURE_SCOPE=/providers/Microsoft.Management/managementGroups/<group-id> (postureScope in azure.bicep).
targetScope = 'managementGroup'

@description('The object (principal) id of the bot\'s managed identity: BOT_PRINCIPAL_ID, an output of azure.bicep.')
param principalId string

var readerRoles = [
  'acdd72a7-3385-48ef-bd42-f606fba81ae7' // Reader
  '39bc4728-0917-49c7-9d2c-d95423bc2eb4' // Security Reader
]

resource postureReader 'Microsoft.Authorization/roleAssignments@2022-04-01' = [for role in readerRoles: {
  name: guid(managementGroup().id, principalId, role)
  properties: {
    roleDefinitionId: tenantResourceId('Microsoft.Authorization/roleDefinitions', role)
    principalId: principalId
    principalType: 'ServicePrincipal'
  }
}]
