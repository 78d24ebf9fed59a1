# Staging: the platform on AWS, every server managed where AWS has one, the rest in EKS.

provider "aws" {
  region = var.region
  default_tags {
    tags = { project = "storefront", environment = "staging" }
  }
}

provider "kubernetes" {
  host                   = module.eks.endpoint
  cluster_ca_certificate = module.eks.certificate_authority
  exec {
    api_version = "client.authentication.k8s.io/v1beta1"
    command     = "aws"
    args        = ["eks", "get-token", "--cluster-name", module.eks.name, "--region", var.region]
  }
}

provider "helm" {
  kubernetes = {
    host                   = module.eks.endpoint
    cluster_ca_certificate = module.eks.certificate_authority
    exec = {
      api_version = "client.authentication.k8s.io/v1beta1"
      command     = "aws"
      args        = ["eks", "get-token", "--cluster-name", module.eks.name, "--region", var.region]
    }
  }
}

# used by the second stage only (seed_vault = true), through a port-forward to OpenBao
provider "vault" {
  address          = var.vault_address
  skip_child_token = true
}

data "aws_caller_identity" "current" {}

# the platform's key: logs, databases, brokers, Kubernetes secrets, Secrets Manager
resource "aws_kms_key" "platform" {
  description             = "${var.name}: data at rest"
  enable_key_rotation     = true
  deletion_window_in_days = 30
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [
      {
        Sid       = "AccountAdministers"
        Effect    = "Allow"
        Principal = { AWS = "arn:aws:iam::${data.aws_caller_identity.current.account_id}:root" }
        Action    = "kms:*"
        Resource  = "*"
      },
      {
        Sid       = "CloudWatchLogsEncrypt"
        Effect    = "Allow"
        Principal = { Service = "logs.${var.region}.amazonaws.com" }
        Action    = ["kms:Encrypt*", "kms:Decrypt*", "kms:ReEncrypt*", "kms:GenerateDataKey*", "kms:Describe*"]
        Resource  = "*"
        Condition = {
          ArnLike = { "kms:EncryptionContext:aws:logs:arn" = "arn:aws:logs:${var.region}:${data.aws_caller_identity.current.account_id}:*" }
        }
      }
    ]
  })
}

module "network" {
  source             = "../../modules/network"
  name               = var.name
  cidr               = var.vpc_cidr
  availability_zones = var.availability_zones
  kms_key_arn        = aws_kms_key.platform.arn
}

module "eks" {
  source              = "../../modules/eks"
  name                = var.name
  kubernetes_version  = var.kubernetes_version
  subnet_ids          = module.network.private_subnet_ids
  kms_key_arn         = aws_kms_key.platform.arn
  public_access_cidrs = var.admin_cidrs
  node_instance_types = var.node_instance_types
  node_count          = var.node_count
}

locals {
  # where every managed server runs, who may reach it, what encrypts it
  placement = {
    vpc_id                   = module.network.vpc_id
    subnet_ids               = module.network.private_subnet_ids
    client_security_group_id = module.eks.security_group_id
    kms_key_arn              = aws_kms_key.platform.arn
  }
}

module "postgres" {
  source         = "../../modules/postgres"
  name           = var.name
  placement      = local.placement
  instance_class = var.postgres_instance_class
  engine_version = var.postgres_version
}

module "documentdb" {
  source         = "../../modules/documentdb"
  name           = var.name
  placement      = local.placement
  instance_class = var.documentdb_instance_class
}

module "redis" {
  source    = "../../modules/redis"
  name      = var.name
  placement = local.placement
  node_type = var.redis_node_type
}

module "rabbitmq" {
  source        = "../../modules/rabbitmq"
  name          = var.name
  placement     = local.placement
  instance_type = var.rabbitmq_instance_type
}

module "kafka" {
  source        = "../../modules/kafka"
  name          = var.name
  placement     = local.placement
  instance_type = var.kafka_instance_type
  kafka_version = var.kafka_version
}

resource "kubernetes_namespace_v1" "storefront" {
  metadata {
    name = "storefront"
  }
}

module "vault" {
  source            = "../../modules/vault"
  name              = var.name
  namespace         = "openbao"
  region            = var.region
  chart_version     = var.openbao_chart_version
  image_tag         = var.openbao_version
  oidc_provider_arn = module.eks.oidc_provider_arn
  oidc_issuer       = module.eks.oidc_issuer
}

# generated once, kept in Secrets Manager; Axon Server and (through Vault) the apps share it
module "axon_token" {
  source      = "../../modules/generated-secret"
  name        = "${var.name}/axon-server-token"
  kms_key_arn = aws_kms_key.platform.arn
}

# 32 characters, base64-encoded: the AES-256 key that seals the token signing keys in PostgreSQL
module "signing_key_encryption_key" {
  source      = "../../modules/generated-secret"
  name        = "${var.name}/signing-key-encryption-key"
  kms_key_arn = aws_kms_key.platform.arn
}

module "verification_pepper" {
  source      = "../../modules/generated-secret"
  name        = "${var.name}/verification-pepper"
  kms_key_arn = aws_kms_key.platform.arn
}

module "carrier_webhook_secret" {
  source      = "../../modules/generated-secret"
  name        = "${var.name}/carrier-webhook-secret"
  kms_key_arn = aws_kms_key.platform.arn
}

module "axon_server" {
  source     = "../../modules/axon-server"
  namespace  = kubernetes_namespace_v1.storefront.metadata[0].name
  image      = var.axon_server_image
  properties = file("${path.module}/../../../axon-server/axonserver.properties")
  token      = module.axon_token.value
}

module "apps" {
  source           = "../../modules/apps"
  namespace        = kubernetes_namespace_v1.storefront.metadata[0].name
  image_repository = var.image_repository
  image_tag        = var.image_tag
  vault_address    = module.vault.address
  axon_servers     = module.axon_server.servers
  replicas         = { command-side = 2, query-side = 2, sagas = 1, gateway = 2 }
  environment = {
    command-side = {
      STOREFRONT_DB_URL           = "jdbc:postgresql://${module.postgres.host}:${module.postgres.port}/storefront"
      STOREFRONT_DB_USER          = module.postgres.username
      STOREFRONT_NOTIFICATIONS    = "true"
      STOREFRONT_RABBITMQ_HOST    = module.rabbitmq.host
      STOREFRONT_RABBITMQ_PORT    = "5671"
      STOREFRONT_RABBITMQ_USER    = module.rabbitmq.username
      SPRING_RABBITMQ_SSL_ENABLED = "true"
      STOREFRONT_CARRIER          = "simulated"
    }
    query-side = {
      STOREFRONT_QUERY_DB_URL            = "jdbc:postgresql://${module.postgres.host}:${module.postgres.port}/storefront"
      STOREFRONT_QUERY_DB_USER           = module.postgres.username
      STOREFRONT_JWKS_URI                = "http://command-side:8081/.well-known/jwks.json"
      STOREFRONT_KAFKA_BOOTSTRAP_SERVERS = module.kafka.bootstrap_servers
      STOREFRONT_ANALYTICS               = "true"
      # one query-side instance would embed the capture twice: Kafka Connect on MSK Connect is the
      # distributed choice; here the capture stays off until it is set up (terraform/README.md)
      STOREFRONT_CAPTURE = "false"
    }
    sagas = {
      STOREFRONT_DB_URL           = "jdbc:postgresql://${module.postgres.host}:${module.postgres.port}/storefront"
      STOREFRONT_DB_USER          = module.postgres.username
      STOREFRONT_RABBITMQ_HOST    = module.rabbitmq.host
      STOREFRONT_RABBITMQ_PORT    = "5671"
      STOREFRONT_RABBITMQ_USER    = module.rabbitmq.username
      SPRING_RABBITMQ_SSL_ENABLED = "true"
    }
    gateway = {
      # one Service per side: Kubernetes spreads the requests over its ready pods
      STOREFRONT_COMMAND_SIDE_URI = "http://command-side:8081"
      STOREFRONT_QUERY_SIDE_URI   = "http://query-side:8082"
    }
  }
}

locals {
  command_side_secrets = merge(var.provider_secrets, {
    "storefront.auth.signing-key-encryption-key" = base64encode(module.signing_key_encryption_key.value)
    "storefront.user.verification.code-pepper"   = module.verification_pepper.value
    "storefront.carrier.webhook-secret"          = module.carrier_webhook_secret.value
  })
}

module "vault_secrets" {
  source    = "../../modules/vault-secrets"
  count     = var.seed_vault ? 1 : 0
  namespace = kubernetes_namespace_v1.storefront.metadata[0].name
  apps      = module.apps.service_accounts
  shared = {
    "axon.axonserver.token"      = module.axon_token.value
    "spring.datasource.password" = module.postgres.password
    "spring.rabbitmq.password"   = module.rabbitmq.password
    "spring.data.redis.url"      = module.redis.url
  }
  per_app = {
    command-side = local.command_side_secrets
    # the sagas app runs the command side's code and configuration (notification senders included)
    sagas = local.command_side_secrets
    query-side = {
      "spring.mongodb.uri" = module.documentdb.uri
    }
  }
}
