# Storage for the application tier.
variable "location" {
  type    = string
  default = "westeurope"
}

variable "min_tls" {
  description = "Minimum TLS version clients may use."
  type        = string
  default     = "TLS1_0"
}

resource "azurerm_storage_account" "app" {
  name                     = "stalderbrookapp"
  resource_group_name      = "rg-app-prod"
  location                 = var.location
  account_tier             = "Standard"
  account_replication_type = "GRS"
  min_tls_version          = var.min_tls
  https_traffic_only_enabled = true

  network_rules {
    default_action = "Deny"
    bypass         = ["AzureServices"]
  }

  allow_nested_items_to_be_public = true

  tags = {
    env = "prod"
  }
}
