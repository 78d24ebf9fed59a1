# ElastiCache Redis: refresh tokens, sessions, idempotency keys, caches and the gateway's rate limits.
# Encrypted at rest and in transit, an AUTH token, a replica in a second zone.

variable "name" {
  type = string
}

variable "vpc_id" {
  type = string
}

variable "subnet_ids" {
  type = list(string)
}

variable "client_security_group_id" {
  type = string
}

variable "kms_key_arn" {
  type = string
}

variable "node_type" {
  type = string
}

module "auth_token" {
  source      = "../generated-secret"
  name        = "${var.name}/redis-auth-token"
  kms_key_arn = var.kms_key_arn
}

resource "aws_elasticache_subnet_group" "this" {
  name       = "${var.name}-redis"
  subnet_ids = var.subnet_ids
}

resource "aws_security_group" "this" {
  name        = "${var.name}-redis"
  description = "Redis, from the cluster only"
  vpc_id      = var.vpc_id

  ingress {
    description     = "Redis from the EKS cluster"
    from_port       = 6379
    to_port         = 6379
    protocol        = "tcp"
    security_groups = [var.client_security_group_id]
  }
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
  security_group_ids         = [aws_security_group.this.id]
  at_rest_encryption_enabled = true
  kms_key_id                 = var.kms_key_arn
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
