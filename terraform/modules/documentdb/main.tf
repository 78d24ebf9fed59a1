# Amazon DocumentDB, the MongoDB-compatible store of the catalog's read model. TLS on, audit and
# profiler logs exported; the master password generated here, kept in Secrets Manager, written to Vault.

variable "name" {
  type = string
}

variable "placement" {
  description = "VPC, private subnets, the cluster's security group (the only client), the KMS key."
  type        = object({ vpc_id = string, subnet_ids = list(string), client_security_group_id = string, kms_key_arn = string })
}

variable "instance_class" {
  type = string
}

module "password" {
  source      = "../generated-secret"
  name        = "${var.name}/documentdb-password"
  kms_key_arn = var.placement.kms_key_arn
}

resource "aws_docdb_subnet_group" "this" {
  name       = "${var.name}-docdb"
  subnet_ids = var.placement.subnet_ids
}

module "access" {
  source                   = "../private-access"
  name                     = "${var.name}-docdb"
  vpc_id                   = var.placement.vpc_id
  client_security_group_id = var.placement.client_security_group_id
  ports                    = { from = 27017, to = 27017 }
}

resource "aws_docdb_cluster_parameter_group" "this" {
  name   = "${var.name}-docdb"
  family = "docdb5.0"

  parameter {
    name  = "tls"
    value = "enabled"
  }

  parameter {
    name  = "audit_logs"
    value = "enabled"
  }
}

resource "aws_docdb_cluster" "this" {
  cluster_identifier              = var.name
  engine_version                  = "5.0.0"
  master_username                 = "storefront"
  master_password                 = module.password.value
  db_subnet_group_name            = aws_docdb_subnet_group.this.name
  vpc_security_group_ids          = [module.access.id]
  db_cluster_parameter_group_name = aws_docdb_cluster_parameter_group.this.name
  storage_encrypted               = true
  kms_key_id                      = var.placement.kms_key_arn
  backup_retention_period         = 7
  deletion_protection             = true
  skip_final_snapshot             = false
  final_snapshot_identifier       = "${var.name}-docdb-final"
  enabled_cloudwatch_logs_exports = ["audit", "profiler"]
}

resource "aws_docdb_cluster_instance" "this" {
  identifier                 = "${var.name}-docdb-0"
  cluster_identifier         = aws_docdb_cluster.this.id
  instance_class             = var.instance_class
  auto_minor_version_upgrade = true
}

output "endpoint" {
  value = aws_docdb_cluster.this.endpoint
}

output "port" {
  value = aws_docdb_cluster.this.port
}

output "uri" {
  description = "The query side's spring.mongodb.uri, with the password: written to Vault. DocumentDB wants TLS and no retryable writes."
  value       = "mongodb://storefront:${module.password.value}@${aws_docdb_cluster.this.endpoint}:${aws_docdb_cluster.this.port}/storefront?tls=true&replicaSet=rs0&readPreference=secondaryPreferred&retryWrites=false"
  sensitive   = true
}
