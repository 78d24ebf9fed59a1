# Amazon DocumentDB, the MongoDB-compatible store of the catalog's read model. TLS on, audit and
# profiler logs exported; the master password generated here, kept in Secrets Manager, written to Vault.

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

variable "instance_class" {
  type = string
}

module "password" {
  source      = "../generated-secret"
  name        = "${var.name}/documentdb-password"
  kms_key_arn = var.kms_key_arn
}

resource "aws_docdb_subnet_group" "this" {
  name       = "${var.name}-docdb"
  subnet_ids = var.subnet_ids
}

resource "aws_security_group" "this" {
  name        = "${var.name}-docdb"
  description = "DocumentDB, from the cluster only"
  vpc_id      = var.vpc_id

  ingress {
    description     = "MongoDB wire protocol from the EKS cluster"
    from_port       = 27017
    to_port         = 27017
    protocol        = "tcp"
    security_groups = [var.client_security_group_id]
  }
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
  vpc_security_group_ids          = [aws_security_group.this.id]
  db_cluster_parameter_group_name = aws_docdb_cluster_parameter_group.this.name
  storage_encrypted               = true
  kms_key_id                      = var.kms_key_arn
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
