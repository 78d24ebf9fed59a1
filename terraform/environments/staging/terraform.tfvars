# Staging's settings. No secret here: passwords are generated at apply time (Secrets Manager, Vault),
# provider keys come from TF_VAR_provider_secrets.
region             = "ap-southeast-1"
availability_zones = ["ap-southeast-1a", "ap-southeast-1b"]
admin_cidrs        = ["203.0.113.0/24"] # replace with the operators' addresses
image_repository   = "ghcr.io/storefront"
image_tag          = "0.1.0"
