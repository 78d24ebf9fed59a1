# RDS PostgreSQL: the event store (without Axon Server), the lookup tables and the read models.
# Logical replication on (rds.logical_replication) for the read models' change capture (Debezium).
# The master password is generated here and kept in Secrets Manager; Terraform writes it to Vault.

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

variable "engine_version" {
  type = string
}

module "password" {
  source      = "../generated-secret"
  name        = "${var.name}/postgres-password"
  kms_key_arn = var.placement.kms_key_arn
}

resource "aws_db_subnet_group" "this" {
  name       = var.name
  subnet_ids = var.placement.subnet_ids
}

module "access" {
  source                   = "../private-access"
  name                     = "${var.name}-postgres"
  vpc_id                   = var.placement.vpc_id
  client_security_group_id = var.placement.client_security_group_id
  ports                    = { from = 5432, to = 5432 }
}

resource "aws_db_parameter_group" "this" {
  name   = "${var.name}-postgres"
  family = "postgres${split(".", var.engine_version)[0]}"

  # wal_level=logical, as the change capture needs; takes effect at the next reboot
  parameter {
    name         = "rds.logical_replication"
    value        = "1"
    apply_method = "pending-reboot"
  }

  # TLS only; the JDBC driver's default (sslmode=prefer) takes it
  parameter {
    name  = "rds.force_ssl"
    value = "1"
  }

  parameter {
    name  = "log_statement"
    value = "ddl"
  }

  parameter {
    name  = "log_min_duration_statement"
    value = "1000"
  }
}

module "monitoring_role" {
  source      = "../service-role"
  name        = "${var.name}-rds-monitoring"
  service     = "monitoring.rds.amazonaws.com"
  policy_arns = ["arn:aws:iam::aws:policy/service-role/AmazonRDSEnhancedMonitoringRole"]
}

resource "aws_db_instance" "this" {
  #checkov:skip=CKV_AWS_157:staging runs one zone to halve the cost; a production environment sets multi_az
  identifier     = var.name
  engine         = "postgres"
  engine_version = var.engine_version
  instance_class = var.instance_class
  db_name        = "storefront"
  username       = "storefront"

  password = module.password.value

  allocated_storage     = 50
  max_allocated_storage = 200
  storage_encrypted     = true
  kms_key_id            = var.placement.kms_key_arn

  db_subnet_group_name   = aws_db_subnet_group.this.name
  vpc_security_group_ids = [module.access.id]
  parameter_group_name   = aws_db_parameter_group.this.name
  publicly_accessible    = false

  iam_database_authentication_enabled = true
  backup_retention_period             = 7
  copy_tags_to_snapshot               = true
  deletion_protection                 = true
  skip_final_snapshot                 = false
  final_snapshot_identifier           = "${var.name}-final"
  auto_minor_version_upgrade          = true
  enabled_cloudwatch_logs_exports     = ["postgresql", "upgrade"]
  monitoring_interval                 = 60
  monitoring_role_arn                 = module.monitoring_role.arn
  performance_insights_enabled        = true
  performance_insights_kms_key_id     = var.placement.kms_key_arn
}

output "host" {
  value = aws_db_instance.this.address
}

output "port" {
  value = aws_db_instance.this.port
}

output "username" {
  value = aws_db_instance.this.username
}

output "password" {
  value     = module.password.value
  sensitive = true
}
