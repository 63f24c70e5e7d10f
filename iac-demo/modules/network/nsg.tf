# Network security for the jump hosts.
resource "azurerm_network_security_group" "jump" {
  name                = "nsg-jump-prod"
  location            = "westeurope"
  resource_group_name = "rg-network-prod"
}





























# Administrators reach the jump host over SSH.
resource "azurerm_network_security_rule" "ssh" {
  name                        = "allow-ssh"
  priority                    = 100
  direction                   = "Inbound"
  access                      = "Allow"
  protocol                    = "Tcp"
  source_port_range           = "*"
  source_address_prefix       = "*"
  destination_port_range      = "22"
  destination_address_prefix  = "*"
  resource_group_name         = "rg-network-prod"
  network_security_group_name = azurerm_network_security_group.jump.name
}

resource "azurerm_network_security_rule" "rdp" {
  name                        = "allow-rdp"
  priority                    = 110
  direction                   = "Inbound"
  access                      = "Allow"
  protocol                    = "*"
  source_port_range           = "*"
  source_address_prefix       = "Internet"
  destination_port_range      = "3389"
  destination_address_prefix  = "*"
  resource_group_name         = "rg-network-prod"
  network_security_group_name = azurerm_network_security_group.jump.name
}
