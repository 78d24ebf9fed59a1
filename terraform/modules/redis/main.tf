# ElastiCache Redis: refresh tokens, sessions, idempotency keys, caches and the gateway's rate limits.
# Encrypted at rest and in transit, an AUTH token, a replica in a second zone.

variable "name" {
  type = string
}

variable "placement" {
  description = "VPC, private subnets, the cluster's security group (the only client), the KMS key."
  type        = object({ vpc_id = string, subnet_ids = list(string), client_security_group_id = string, kms_key_arn = string })
}

variable "node_type" {
  type = string
}

module "auth_token" {
  source      = "../generated-secret"
  name        = "${var.name}/redis-auth-token"
  kms_key_arn = var.placement.kms_key_arn
}

resource "aws_elasticache_subnet_group" "this" {
  name       = "${var.name}-redis"
  subnet_ids = var.placement.subnet_ids
}

module "access" {
  source                   = "../private-access"
  name                     = "${var.name}-redis"
  vpc_id                   = var.placement.vpc_id
  client_security_group_id = var.placement.client_security_group_id
  ports                    = { from = 6379, to = 6379 }
}

resource "aws_elasticache_replication_group" "this" {
  replication_group_id       = "${var.name}-redis"
  description                = "Storefront sessions, idempotency keys, caches, rate limits"
  engine                     = "redis"
  engine_version             = "7.1"
  node_type                  = var.node_type
  num_cache_clusters         = 2
  automatic_failover_enabled = true
  multi_az_enabled           = true
  subnet_group_name          = aws_elasticache_subnet_group.this.name
  security_group_ids         = [module.access.id]
  at_rest_encryption_enabled = true
  kms_key_id                 = var.placement.kms_key_arn
  transit_encryption_enabled = true
  auth_token                 = module.auth_token.value
  snapshot_retention_limit   = 3
  auto_minor_version_upgrade = true
}

output "url" {
  description = "rediss:// with the AUTH token: the apps' spring.data.redis.url, written to Vault."
  value       = "rediss://:${module.auth_token.value}@${aws_elasticache_replication_group.this.primary_endpoint_address}:6379"
  sensitive   = true
}
