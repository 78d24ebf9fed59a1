# An IAM role that one AWS service assumes, with managed policies attached.

variable "name" {
  type = string
}

variable "service" {
  description = "The service principal, e.g. eks.amazonaws.com."
  type        = string
}

variable "policy_arns" {
  type    = list(string)
  default = []
}

resource "aws_iam_role" "this" {
  name = var.name
  assume_role_policy = jsonencode({
    Version   = "2012-10-17"
    Statement = [{ Effect = "Allow", Principal = { Service = var.service }, Action = ["sts:AssumeRole", "sts:TagSession"] }]
  })
}

resource "aws_iam_role_policy_attachment" "this" {
  for_each   = toset(var.policy_arns)
  role       = aws_iam_role.this.name
  policy_arn = each.value
}

output "arn" {
  value = aws_iam_role.this.arn
}

output "id" {
  value = aws_iam_role.this.id
}

output "name" {
  value = aws_iam_role.this.name
}
