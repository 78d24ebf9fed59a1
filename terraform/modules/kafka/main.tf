# Amazon MSK: the read models' change topics and the analytics consumer's source.
# Encrypted at rest with the platform's key, broker logs to CloudWatch.

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

variable "kafka_version" {
  type = string
}

resource "aws_security_group" "this" {
  name        = "${var.name}-kafka"
  description = "Kafka, from the cluster only"
  vpc_id      = var.vpc_id

  ingress {
    description     = "Kafka (plaintext 9092, TLS 9094) from the EKS cluster"
    from_port       = 9092
    to_port         = 9094
    protocol        = "tcp"
    security_groups = [var.client_security_group_id]
  }
}

resource "aws_cloudwatch_log_group" "brokers" {
  name              = "/storefront/${var.name}/msk"
  retention_in_days = 365
  kms_key_id        = var.kms_key_arn
}

resource "aws_msk_cluster" "this" {
  #checkov:skip=CKV_AWS_81:the capture's and the analytics consumer's clients speak plaintext inside the private subnets, the security group admitting the cluster only; TLS is offered beside it
  cluster_name           = "${var.name}-kafka"
  kafka_version          = var.kafka_version
  number_of_broker_nodes = length(var.subnet_ids)

  broker_node_group_info {
    instance_type   = var.instance_type
    client_subnets  = var.subnet_ids
    security_groups = [aws_security_group.this.id]
    storage_info {
      ebs_storage_info {
        volume_size = 100
      }
    }
  }

  encryption_info {
    encryption_at_rest_kms_key_arn = var.kms_key_arn
    encryption_in_transit {
      client_broker = "TLS_PLAINTEXT"
      in_cluster    = true
    }
  }

  client_authentication {
    unauthenticated = true
  }

  logging_info {
    broker_logs {
      cloudwatch_logs {
        enabled   = true
        log_group = aws_cloudwatch_log_group.brokers.name
      }
    }
  }
}

output "bootstrap_servers" {
  value = aws_msk_cluster.this.bootstrap_brokers
}
