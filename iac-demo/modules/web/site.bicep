// The public web front end.
param location string = resourceGroup().location

@description('Minimum TLS version the site accepts.')
param minTls string = '1.2'

resource site 'Microsoft.Web/sites@2023-12-01' = {
  name: 'app-alderbrook-web'
  location: location
  properties: {
    httpsOnly: true
    siteConfig: {
      minTlsVersion: minTls
      ftpsState: 'Disabled'
    }
  }
}
