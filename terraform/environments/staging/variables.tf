variable "region" {
  type    = string
  default = "ap-southeast-1"
}

variable "name" {
  description = "Prefix of every resource's name."
  type        = string
  default     = "storefront-staging"
}

variable "vpc_cidr" {
  type    = string
  default = "10.40.0.0/16"
}

variable "availability_zones" {
  type    = list(string)
  default = ["ap-southeast-1a", "ap-southeast-1b"]
}

variable "admin_cidrs" {
  description = "Who may reach the Kubernetes API from outside the VPC: the operators' addresses."
  type        = list(string)
}

variable "kubernetes_version" {
  type    = string
  default = "1.33"
}

variable "node_instance_types" {
  type    = list(string)
  default = ["m6i.large"]
}

variable "node_count" {
  type    = number
  default = 3
}

variable "postgres_instance_class" {
  type    = string
  default = "db.t4g.medium"
}

variable "postgres_version" {
  type    = string
  default = "17.6"
}

variable "documentdb_instance_class" {
  type    = string
  default = "db.t4g.medium"
}

variable "redis_node_type" {
  type    = string
  default = "cache.t4g.small"
}

variable "rabbitmq_instance_type" {
  type    = string
  default = "mq.t3.micro"
}

variable "kafka_instance_type" {
  type    = string
  default = "kafka.t3.small"
}

variable "kafka_version" {
  type    = string
  default = "3.8.x"
}

variable "image_repository" {
  description = "Where the release workflow pushed the apps' images."
  type        = string
  default     = "ghcr.io/storefront"
}

variable "image_tag" {
  description = "The release to run (the git tag the workflow built)."
  type        = string
}

variable "axon_server_image" {
  type    = string
  default = "axoniq/axonserver:2025.2.1-nonroot"
}

variable "openbao_chart_version" {
  type    = string
  default = "0.18.0"
}

variable "openbao_version" {
  type    = string
  default = "2.7.2"
}

variable "seed_vault" {
  description = "Second stage: write the secrets and the Kubernetes auth to OpenBao, once it is initialised (terraform/README.md)."
  type        = bool
  default     = false
}

variable "vault_address" {
  description = "OpenBao as Terraform reaches it in the second stage (a port-forward); the token comes from VAULT_TOKEN."
  type        = string
  default     = "http://127.0.0.1:8200"
}

variable "provider_secrets" {
  description = "The payment, SMS and push providers' keys, by Spring property name (storefront.payment.stripe.api-key, ...); give them as TF_VAR_provider_secrets, never in a file of the repository."
  type        = map(string)
  default     = {}
  sensitive   = true
}
