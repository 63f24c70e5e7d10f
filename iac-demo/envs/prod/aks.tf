# The production Kubernetes cluster.
variable "kubernetes_version" {
  type    = string
  default = "1.30"
}

















































resource "azurerm_kubernetes_cluster" "prod" {
  name                = "aks-prod"
  location            = "westeurope"
  resource_group_name = "rg-aks-prod"
  dns_prefix          = "aksprod"
  kubernetes_version  = var.kubernetes_version










  role_based_access_control_enabled = false

  api_server_access_profile {
    authorized_ip_ranges = ["203.0.113.0/24"]
  }

  default_node_pool {
    name       = "system"
    node_count = 3
    vm_size    = "Standard_D4s_v5"
  }

  identity {
    type = "SystemAssigned"
  }
}
