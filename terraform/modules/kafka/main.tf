# Amazon MSK: the read models' change topics and the analytics consumer's source.
# Encrypted at rest with the platform's key, broker logs to CloudWatch.

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

variable "kafka_version" {
  type = string
}

module "access" {
  source                   = "../private-access"
  name                     = "${var.name}-kafka"
  vpc_id                   = var.placement.vpc_id
  client_security_group_id = var.placement.client_security_group_id
  ports                    = { from = 9092, to = 9094 }
}

resource "aws_cloudwatch_log_group" "brokers" {
  name              = "/storefront/${var.name}/msk"
  retention_in_days = 365
  kms_key_id        = var.placement.kms_key_arn
}

resource "aws_msk_cluster" "this" {
  #checkov:skip=CKV_AWS_81:the capture's and the analytics consumer's clients speak plaintext inside the private subnets, the security group admitting the cluster only; TLS is offered beside it
  cluster_name           = "${var.name}-kafka"
  kafka_version          = var.kafka_version
  number_of_broker_nodes = length(var.placement.subnet_ids)

  broker_node_group_info {
    instance_type   = var.instance_type
    client_subnets  = var.placement.subnet_ids
    security_groups = [module.access.id]
    storage_info {
      ebs_storage_info {
        volume_size = 100
      }
    }
  }

  encryption_info {
    encryption_at_rest_kms_key_arn = var.placement.kms_key_arn
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
