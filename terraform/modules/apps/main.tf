# The apps, each a Deployment with its own service account (Vault's Kubernetes auth knows it by name)
# and a Service; the gateway alone is public, behind a load balancer. Every secret comes from Vault
# (SPRING_PROFILES_ACTIVE=vault); only addresses are set here.

variable "namespace" {
  type = string
}

variable "image_repository" {
  description = "Where the images are, e.g. ghcr.io/<owner> (the tag workflow pushes there)."
  type        = string
}

variable "image_tag" {
  type = string
}

variable "replicas" {
  description = "Instances per app."
  type        = map(number)
}

variable "environment" {
  description = "Addresses per app (no secret: those are in Vault)."
  type        = map(map(string))
}

variable "vault_address" {
  type = string
}

variable "axon_servers" {
  type = string
}

locals {
  # port: the app's HTTP port; management: where its readiness and liveness answer
  apps = {
    command-side = { port = 8081, management = 8091 }
    query-side   = { port = 8082, management = 8092 }
    sagas        = { port = 8083, management = 8093 }
    gateway      = { port = 8080, management = 8090 }
  }
  common = {
    SPRING_PROFILES_ACTIVE            = "axonserver,vault"
    AXON_AXONSERVER_SERVERS           = var.axon_servers
    SPRING_CLOUD_VAULT_URI            = var.vault_address
    SPRING_CLOUD_VAULT_AUTHENTICATION = "KUBERNETES"
    LOGGING_STRUCTURED_FORMAT_CONSOLE = "ecs"
  }
}

resource "kubernetes_service_account_v1" "app" {
  for_each = local.apps
  metadata {
    name      = each.key
    namespace = var.namespace
  }
}

resource "kubernetes_deployment_v1" "app" {
  for_each = local.apps
  metadata {
    name      = each.key
    namespace = var.namespace
    labels    = { app = each.key }
  }
  spec {
    replicas = var.replicas[each.key]
    selector {
      match_labels = { app = each.key }
    }
    template {
      metadata {
        labels = { app = each.key }
      }
      spec {
        service_account_name = kubernetes_service_account_v1.app[each.key].metadata[0].name
        #checkov:skip=CKV_K8S_38:the service account token is how the app logs in to Vault (Kubernetes auth)
        automount_service_account_token = true
        security_context {
          run_as_non_root = true
          seccomp_profile {
            type = "RuntimeDefault"
          }
        }
        container {
          #checkov:skip=CKV_K8S_43:the images are ours, pushed by tag from the release workflow; image_tag names the release
          name              = each.key
          image             = "${var.image_repository}/${each.key}:${var.image_tag}"
          image_pull_policy = "Always"
          dynamic "env" {
            for_each = merge(local.common, { SPRING_CLOUD_VAULT_KUBERNETES_ROLE = each.key }, lookup(var.environment, each.key, {}))
            content {
              name  = env.key
              value = env.value
            }
          }
          port {
            container_port = each.value.port
          }
          resources {
            requests = { cpu = "250m", memory = "768Mi" }
            limits   = { cpu = "1", memory = "1Gi" }
          }
          security_context {
            allow_privilege_escalation = false
            read_only_root_filesystem  = true
            capabilities {
              drop = ["ALL"]
            }
          }
          readiness_probe {
            http_get {
              path = "/actuator/health/readiness"
              port = each.value.management
            }
            period_seconds = 5
          }
          liveness_probe {
            http_get {
              path = "/actuator/health/liveness"
              port = each.value.management
            }
            initial_delay_seconds = 90
            period_seconds        = 10
          }
          # the JVM's and Tomcat's temporary files, the root file system being read-only
          volume_mount {
            name       = "tmp"
            mount_path = "/tmp"
          }
        }
        volume {
          name = "tmp"
          empty_dir {}
        }
      }
    }
  }
}

resource "kubernetes_service_v1" "app" {
  for_each = { for name, app in local.apps : name => app if name != "gateway" }
  metadata {
    name      = each.key
    namespace = var.namespace
  }
  spec {
    selector = { app = each.key }
    port {
      port = each.value.port
    }
  }
}

# the shop's one public address
resource "kubernetes_service_v1" "gateway" {
  metadata {
    name      = "gateway"
    namespace = var.namespace
    annotations = {
      "service.beta.kubernetes.io/aws-load-balancer-scheme" = "internet-facing"
    }
  }
  spec {
    type     = "LoadBalancer"
    selector = { app = "gateway" }
    port {
      port        = 80
      target_port = 8080
    }
  }
}

output "gateway_url" {
  value = "http://${try(kubernetes_service_v1.gateway.status[0].load_balancer[0].ingress[0].hostname, "pending")}"
}

output "service_accounts" {
  value = keys(local.apps)
}
