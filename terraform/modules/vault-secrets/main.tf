# The second stage, once OpenBao is initialised: the KV v2 mount, every secret the apps read (keys are
# the Spring property names they fill: secret/storefront for all, secret/<app> for one), and the
# Kubernetes auth by which each app's service account reads its two paths and nothing else.

variable "namespace" {
  description = "The apps' namespace."
  type        = string
}

variable "apps" {
  type = list(string)
}

variable "shared" {
  description = "secret/storefront: read by every app."
  type        = map(string)
  sensitive   = true
}

variable "per_app" {
  description = "secret/<app>: read by that app alone."
  type        = map(map(string))
  sensitive   = true
}

resource "vault_mount" "secret" {
  path    = "secret"
  type    = "kv"
  options = { version = "2" }
}

resource "vault_kv_secret_v2" "shared" {
  mount     = vault_mount.secret.path
  name      = "storefront"
  data_json = jsonencode(var.shared)
}

resource "vault_kv_secret_v2" "app" {
  for_each  = toset(var.apps)
  mount     = vault_mount.secret.path
  name      = each.key
  data_json = jsonencode(lookup(var.per_app, each.key, {}))
}

resource "vault_auth_backend" "kubernetes" {
  type = "kubernetes"
}

# OpenBao runs in the cluster: it checks the apps' tokens against the API server with its own
resource "vault_kubernetes_auth_backend_config" "this" {
  backend         = vault_auth_backend.kubernetes.path
  kubernetes_host = "https://kubernetes.default.svc"
}

resource "vault_policy" "app" {
  for_each = toset(var.apps)
  name     = each.key
  policy   = <<-HCL
    path "secret/data/storefront" { capabilities = ["read"] }
    path "secret/data/${each.key}" { capabilities = ["read"] }
  HCL
}

resource "vault_kubernetes_auth_backend_role" "app" {
  for_each                         = toset(var.apps)
  backend                          = vault_auth_backend.kubernetes.path
  role_name                        = each.key
  bound_service_account_names      = [each.key]
  bound_service_account_namespaces = [var.namespace]
  token_policies                   = [vault_policy.app[each.key].name]
  token_ttl                        = 3600
}
