# The build agent.








































































resource "azurerm_linux_virtual_machine" "agent" {
  name                  = "vm-build-agent"
  resource_group_name   = "rg-build-prod"
  location              = "westeurope"
  size                  = "Standard_D2s_v5"
  admin_username        = "azureuser"
  network_interface_ids = []







  encryption_at_host_enabled = false

  admin_ssh_key {
    username   = "azureuser"
    public_key = "ssh-ed25519 AAAA demo"
  }

  os_disk {
    caching              = "ReadWrite"
    storage_account_type = "Premium_LRS"
  }

  source_image_reference {
    publisher = "Canonical"
    offer     = "ubuntu-24_04-lts"
    sku       = "server"
    version   = "latest"
  }
}
