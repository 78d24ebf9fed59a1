# Amazon MQ for RabbitMQ: the notification queues (per channel, retries by TTL, dead letters).
# Private, AMQPS only (5671), general logs to CloudWatch.

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

variable "instance_type" {
  type = string
}

module "password" {
  source      = "../generated-secret"
  name        = "${var.name}/rabbitmq-password"
  kms_key_arn = var.kms_key_arn
}

resource "aws_security_group" "this" {
  name        = "${var.name}-rabbitmq"
  description = "RabbitMQ, from the cluster only"
  vpc_id      = var.vpc_id

  ingress {
    description     = "AMQPS from the EKS cluster"
    from_port       = 5671
    to_port         = 5671
    protocol        = "tcp"
    security_groups = [var.client_security_group_id]
  }
}

resource "aws_mq_broker" "this" {
  broker_name                = "${var.name}-rabbitmq"
  engine_type                = "RabbitMQ"
  engine_version             = "3.13"
  host_instance_type         = var.instance_type
  deployment_mode            = "SINGLE_INSTANCE"
  subnet_ids                 = [var.subnet_ids[0]]
  security_groups            = [aws_security_group.this.id]
  publicly_accessible        = false
  auto_minor_version_upgrade = true

  encryption_options {
    kms_key_id        = var.kms_key_arn
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
