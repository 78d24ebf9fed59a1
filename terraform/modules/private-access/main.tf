# The security group of a managed server: its port(s), from the EKS cluster's security group only.

variable "name" {
  type = string
}

variable "vpc_id" {
  type = string
}

variable "client_security_group_id" {
  type = string
}

variable "ports" {
  description = "From and to, both included."
  type        = object({ from = number, to = number })
}

resource "aws_security_group" "this" {
  name        = var.name
  description = "${var.name}, from the EKS cluster only"
  vpc_id      = var.vpc_id

  ingress {
    description     = "from the EKS cluster"
    from_port       = var.ports.from
    to_port         = var.ports.to
    protocol        = "tcp"
    security_groups = [var.client_security_group_id]
  }
}

output "id" {
  value = aws_security_group.this.id
}
