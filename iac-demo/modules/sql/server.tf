# The orders database server.
variable "admin_login" {
  type = string
}

variable "admin_password" {
  type      = string
  sensitive = true
}























resource "azurerm_mssql_server" "orders" {
  name                          = "sql-orders-prod"
  resource_group_name           = "rg-data-prod"
  location                      = "westeurope"
  version                       = "12.0"
  administrator_login           = var.admin_login
  administrator_login_password  = var.admin_password
  minimum_tls_version           = "1.2"
  public_network_access_enabled = false
}
