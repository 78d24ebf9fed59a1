# A password generated at apply time and kept in Secrets Manager, where operators and the Vault seeding
# read it; it is in the state too, which is why the state bucket is encrypted and private.

variable "name" {
  type = string
}

variable "kms_key_arn" {
  type = string
}

variable "length" {
  type    = number
  default = 32
}

resource "random_password" "this" {
  length = var.length
  # the brokers and Redis refuse some punctuation in passwords and tokens; letters and digits suffice at this length
  special = false
}

resource "aws_secretsmanager_secret" "this" {
  #checkov:skip=CKV2_AWS_57:no rotation Lambda for Amazon MQ or ElastiCache tokens; rotate with terraform apply -replace on the random_password, then re-seed Vault
  name                    = var.name
  kms_key_id              = var.kms_key_arn
  recovery_window_in_days = 7
}

resource "aws_secretsmanager_secret_version" "this" {
  secret_id     = aws_secretsmanager_secret.this.id
  secret_string = random_password.this.result
}

output "value" {
  value     = random_password.this.result
  sensitive = true
}

output "arn" {
  value = aws_secretsmanager_secret.this.arn
}
