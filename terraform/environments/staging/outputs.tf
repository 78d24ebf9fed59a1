output "gateway_url" {
  description = "The shop's public address."
  value       = module.apps.gateway_url
}

output "dashboards" {
  description = "Where operators look: Axon Server's dashboard (inside the VPC), the RabbitMQ console, OpenBao's UI (port-forward)."
  value = {
    axon_server = module.axon_server.dashboard_url
    rabbitmq    = module.rabbitmq.console_url
    openbao     = "kubectl -n openbao port-forward svc/openbao 8200 (then http://127.0.0.1:8200/ui)"
  }
}

output "kubeconfig_command" {
  value = "aws eks update-kubeconfig --region ${var.region} --name ${module.eks.name}"
}

output "kafka_bootstrap_servers" {
  value = module.kafka.bootstrap_servers
}

output "redis_url" {
  description = "With its AUTH token: sensitive."
  value       = module.redis.url
  sensitive   = true
}
