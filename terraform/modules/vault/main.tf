# OpenBao (the open-source Vault) in the cluster: three servers on integrated storage (raft), unsealed
# by AWS KMS through an IAM role for their service account. Initialised once by an operator
# (terraform/README.md); the secrets are then written by the vault-secrets module.

variable "name" {
  type = string
}

variable "namespace" {
  type = string
}

variable "region" {
  type = string
}

variable "chart_version" {
  type = string
}

variable "image_tag" {
  type = string
}

variable "oidc_provider_arn" {
  type = string
}

variable "oidc_issuer" {
  type = string
}

data "aws_caller_identity" "current" {}

resource "aws_kms_key" "unseal" {
  description             = "${var.name}: OpenBao auto-unseal"
  enable_key_rotation     = true
  deletion_window_in_days = 30
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Sid       = "AccountAdministers"
      Effect    = "Allow"
      Principal = { AWS = "arn:aws:iam::${data.aws_caller_identity.current.account_id}:root" }
      Action    = "kms:*"
      Resource  = "*"
    }]
  })
}

module "role" {
  source = "../eks/service-account-role"

  name              = "${var.name}-openbao"
  oidc_provider_arn = var.oidc_provider_arn
  oidc_issuer       = var.oidc_issuer
  namespace         = var.namespace
  service_account   = "openbao"
}

resource "aws_iam_role_policy" "unseal" {
  role = module.role.name
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect   = "Allow"
      Action   = ["kms:Encrypt", "kms:Decrypt", "kms:DescribeKey"]
      Resource = aws_kms_key.unseal.arn
    }]
  })
}

resource "helm_release" "openbao" {
  name             = "openbao"
  namespace        = var.namespace
  create_namespace = true
  repository       = "https://openbao.github.io/openbao-helm"
  chart            = "openbao"
  version          = var.chart_version

  values = [yamlencode({
    injector = { enabled = false }
    ui       = { enabled = true }
    server = {
      image          = { tag = var.image_tag }
      serviceAccount = { annotations = { "eks.amazonaws.com/role-arn" = module.role.arn } }
      dataStorage    = { enabled = true, size = "10Gi" }
      ha = {
        enabled  = true
        replicas = 3
        raft = {
          enabled   = true
          setNodeId = true
          config    = <<-HCL
            ui = true
            listener "tcp" {
              address         = "[::]:8200"
              cluster_address = "[::]:8201"
              # inside the cluster only (ClusterIP); the apps reach it over the pod network
              tls_disable     = 1
            }
            storage "raft" {
              path = "/openbao/data"
              retry_join { leader_api_addr = "http://openbao-0.openbao-internal:8200" }
              retry_join { leader_api_addr = "http://openbao-1.openbao-internal:8200" }
              retry_join { leader_api_addr = "http://openbao-2.openbao-internal:8200" }
            }
            seal "awskms" {
              region     = "${var.region}"
              kms_key_id = "${aws_kms_key.unseal.key_id}"
            }
            service_registration "kubernetes" {}
          HCL
        }
      }
    }
  })]
}

output "address" {
  description = "OpenBao's address inside the cluster, as the apps reach it."
  value       = "http://openbao.${var.namespace}.svc:8200"
}
