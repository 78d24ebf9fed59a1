# Axon Server as a StatefulSet: events, commands and queries of every app pass through it. One node
# (Axon Server SE has no clustering), its event store on a persistent volume, the platform's
# axonserver.properties as a ConfigMap, the access-control token from a Kubernetes secret.

variable "namespace" {
  type = string
}

variable "image" {
  type = string
}

variable "properties" {
  description = "The content of axon-server/axonserver.properties."
  type        = string
}

variable "token" {
  type      = string
  sensitive = true
}

resource "kubernetes_config_map_v1" "properties" {
  metadata {
    name      = "axonserver"
    namespace = var.namespace
  }
  data = { "axonserver.properties" = var.properties }
}

resource "kubernetes_secret_v1" "token" {
  metadata {
    name      = "axonserver-token"
    namespace = var.namespace
  }
  data = { token = var.token }
}

resource "kubernetes_stateful_set_v1" "axonserver" {
  metadata {
    name      = "axonserver"
    namespace = var.namespace
  }
  spec {
    service_name = "axonserver"
    replicas     = 1
    selector {
      match_labels = { app = "axonserver" }
    }
    template {
      metadata {
        labels = { app = "axonserver" }
      }
      spec {
        automount_service_account_token = false
        security_context {
          run_as_user     = 1001
          run_as_group    = 1001
          fs_group        = 1001
          run_as_non_root = true
          seccomp_profile {
            type = "RuntimeDefault"
          }
        }
        container {
          #checkov:skip=CKV_K8S_43:pinned by version tag (Axon Server's images are published by tag); a digest would be bumped by hand at each release alike
          #checkov:skip=CKV_K8S_22:Axon Server writes its PID file and logs beside the volumes, under /axonserver
          name              = "axonserver"
          image             = var.image
          image_pull_policy = "Always"
          env {
            name = "AXON_AXONSERVER_TOKEN"
            value_from {
              secret_key_ref {
                name = kubernetes_secret_v1.token.metadata[0].name
                key  = "token"
              }
            }
          }
          port {
            name           = "http"
            container_port = 8024
          }
          port {
            name           = "grpc"
            container_port = 8124
          }
          resources {
            requests = { cpu = "500m", memory = "1Gi" }
            limits   = { cpu = "2", memory = "2Gi" }
          }
          security_context {
            allow_privilege_escalation = false
            capabilities {
              drop = ["ALL"]
            }
          }
          readiness_probe {
            tcp_socket {
              port = 8124
            }
            period_seconds = 10
          }
          liveness_probe {
            tcp_socket {
              port = 8124
            }
            initial_delay_seconds = 60
            period_seconds        = 20
          }
          volume_mount {
            name       = "config"
            mount_path = "/axonserver/config"
            read_only  = true
          }
          volume_mount {
            name       = "data"
            mount_path = "/axonserver/data"
          }
          volume_mount {
            name       = "events"
            mount_path = "/axonserver/events"
          }
        }
        volume {
          name = "config"
          config_map {
            name = kubernetes_config_map_v1.properties.metadata[0].name
          }
        }
      }
    }
    volume_claim_template {
      metadata {
        name = "data"
      }
      spec {
        access_modes = ["ReadWriteOnce"]
        resources {
          requests = { storage = "5Gi" }
        }
      }
    }
    volume_claim_template {
      metadata {
        name = "events"
      }
      spec {
        access_modes = ["ReadWriteOnce"]
        resources {
          requests = { storage = "50Gi" }
        }
      }
    }
  }
}

# gRPC for the apps, inside the cluster
resource "kubernetes_service_v1" "axonserver" {
  metadata {
    name      = "axonserver"
    namespace = var.namespace
  }
  spec {
    selector = { app = "axonserver" }
    port {
      name = "grpc"
      port = 8124
    }
    port {
      name = "http"
      port = 8024
    }
  }
}

# the dashboard, on a load balancer inside the VPC (reached through the VPN or a port-forward)
resource "kubernetes_service_v1" "dashboard" {
  metadata {
    name      = "axonserver-dashboard"
    namespace = var.namespace
    annotations = {
      "service.beta.kubernetes.io/aws-load-balancer-scheme" = "internal"
    }
  }
  spec {
    type     = "LoadBalancer"
    selector = { app = "axonserver" }
    port {
      port        = 80
      target_port = 8024
    }
  }
}

output "servers" {
  value = "axonserver.${var.namespace}.svc:8124"
}

output "dashboard_url" {
  value = "http://${try(kubernetes_service_v1.dashboard.status[0].load_balancer[0].ingress[0].hostname, "pending")}"
}
