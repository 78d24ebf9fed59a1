# Amazon MQ for RabbitMQ: the notification queues (per channel, retries by TTL, dead letters).
# Private, AMQPS only (5671), general logs to CloudWatch.

variable "name" {
  type = string
}

variable "placement" {
  description = "VPC, private subnets, the cluster's security group (the only client), the KMS key."
  type        = object({ vpc_id = string, subnet_ids = list(string), client_security_group_id = string, kms_key_arn = string })
}

variable "instance_type" {
  type = string
}

module "password" {
  source      = "../generated-secret"
  name        = "${var.name}/rabbitmq-password"
  kms_key_arn = var.placement.kms_key_arn
}

module "access" {
  source                   = "../private-access"
  name                     = "${var.name}-rabbitmq"
  vpc_id                   = var.placement.vpc_id
  client_security_group_id = var.placement.client_security_group_id
  ports                    = { from = 5671, to = 5671 }
}

resource "aws_mq_broker" "this" {
  broker_name                = "${var.name}-rabbitmq"
  engine_type                = "RabbitMQ"
  engine_version             = "3.13"
  host_instance_type         = var.instance_type
  deployment_mode            = "SINGLE_INSTANCE"
  subnet_ids                 = [var.placement.subnet_ids[0]]
  security_groups            = [module.access.id]
  publicly_accessible        = false
  auto_minor_version_upgrade = true

  encryption_options {
    kms_key_id        = var.placement.kms_key_arn
    use_aws_owned_key = false
  }

  logs {
    general = true
  }

  user {
    username = "storefront"
    password = module.password.value
  }
}

output "host" {
  value = replace(replace(aws_mq_broker.this.instances[0].endpoints[0], "amqps://", ""), ":5671", "")
}

output "username" {
  value = "storefront"
}

output "password" {
  value     = module.password.value
  sensitive = true
}

output "console_url" {
  value = aws_mq_broker.this.instances[0].console_url
}
