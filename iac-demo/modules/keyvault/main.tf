# Secrets for the payments service.



resource "azurerm_key_vault" "payments" {
  name                       = "kv-payments-prod"
  location                   = "westeurope"
  resource_group_name        = "rg-payments-prod"
  tenant_id                  = "00000000-0000-0000-0000-000000000000"
  sku_name                   = "standard"
  soft_delete_retention_days = 7
  purge_protection_enabled   = false
  public_network_access_enabled = false
}
