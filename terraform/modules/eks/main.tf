# The Kubernetes cluster the apps, Axon Server and Vault run in: secrets envelope-encrypted with KMS,
# every control-plane log kept, nodes in the private subnets, IAM roles for service accounts (OIDC),
# and the EBS CSI driver for the StatefulSets' volumes.

variable "name" {
  type = string
}

variable "kubernetes_version" {
  type = string
}

variable "subnet_ids" {
  type = list(string)
}

variable "kms_key_arn" {
  type = string
}

variable "public_access_cidrs" {
  description = "Who may reach the API server from outside the VPC (the operators running Terraform)."
  type        = list(string)
}

variable "node_instance_types" {
  type = list(string)
}

variable "node_count" {
  type = number
}

data "aws_partition" "current" {}

module "cluster_role" {
  source      = "../service-role"
  name        = "${var.name}-eks-cluster"
  service     = "eks.amazonaws.com"
  policy_arns = ["arn:${data.aws_partition.current.partition}:iam::aws:policy/AmazonEKSClusterPolicy"]
}

resource "aws_cloudwatch_log_group" "cluster" {
  name              = "/aws/eks/${var.name}/cluster"
  retention_in_days = 365
  kms_key_id        = var.kms_key_arn
}

resource "aws_eks_cluster" "this" {
  name     = var.name
  version  = var.kubernetes_version
  role_arn = module.cluster_role.arn

  access_config {
    authentication_mode                         = "API"
    bootstrap_cluster_creator_admin_permissions = true
  }

  vpc_config {
    subnet_ids              = var.subnet_ids
    endpoint_private_access = true
    #checkov:skip=CKV_AWS_39:Terraform applies the Helm and Kubernetes resources from outside the VPC; the public endpoint only answers public_access_cidrs
    endpoint_public_access = true
    public_access_cidrs    = var.public_access_cidrs
  }

  encryption_config {
    resources = ["secrets"]
    provider {
      key_arn = var.kms_key_arn
    }
  }

  enabled_cluster_log_types = ["api", "audit", "authenticator", "controllerManager", "scheduler"]

  depends_on = [module.cluster_role, aws_cloudwatch_log_group.cluster]
}

module "node_role" {
  source  = "../service-role"
  name    = "${var.name}-eks-nodes"
  service = "ec2.amazonaws.com"
  policy_arns = [for policy in ["AmazonEKSWorkerNodePolicy", "AmazonEKS_CNI_Policy", "AmazonEC2ContainerRegistryReadOnly"] :
  "arn:${data.aws_partition.current.partition}:iam::aws:policy/${policy}"]
}

resource "aws_eks_node_group" "this" {
  cluster_name    = aws_eks_cluster.this.name
  node_group_name = "${var.name}-nodes"
  node_role_arn   = module.node_role.arn
  subnet_ids      = var.subnet_ids
  instance_types  = var.node_instance_types

  scaling_config {
    desired_size = var.node_count
    min_size     = var.node_count
    max_size     = var.node_count + 2
  }

  update_config {
    max_unavailable = 1
  }

  depends_on = [module.node_role]
}

# IAM roles for service accounts: Vault's KMS unseal, the EBS CSI driver
data "tls_certificate" "oidc" {
  url = aws_eks_cluster.this.identity[0].oidc[0].issuer
}

resource "aws_iam_openid_connect_provider" "this" {
  url             = aws_eks_cluster.this.identity[0].oidc[0].issuer
  client_id_list  = ["sts.amazonaws.com"]
  thumbprint_list = [data.tls_certificate.oidc.certificates[0].sha1_fingerprint]
}

module "ebs_csi_role" {
  source = "./service-account-role"

  name              = "${var.name}-ebs-csi"
  oidc_provider_arn = aws_iam_openid_connect_provider.this.arn
  oidc_issuer       = aws_eks_cluster.this.identity[0].oidc[0].issuer
  namespace         = "kube-system"
  service_account   = "ebs-csi-controller-sa"
  policy_arns       = ["arn:${data.aws_partition.current.partition}:iam::aws:policy/service-role/AmazonEBSCSIDriverPolicy"]
}

resource "aws_eks_addon" "ebs_csi" {
  cluster_name             = aws_eks_cluster.this.name
  addon_name               = "aws-ebs-csi-driver"
  service_account_role_arn = module.ebs_csi_role.arn
  depends_on               = [aws_eks_node_group.this]
}

output "name" {
  value = aws_eks_cluster.this.name
}

output "endpoint" {
  value = aws_eks_cluster.this.endpoint
}

output "certificate_authority" {
  value = base64decode(aws_eks_cluster.this.certificate_authority[0].data)
}

output "security_group_id" {
  description = "The cluster's security group, which every node and pod carries: the servers admit it."
  value       = aws_eks_cluster.this.vpc_config[0].cluster_security_group_id
}

output "oidc_provider_arn" {
  value = aws_iam_openid_connect_provider.this.arn
}

output "oidc_issuer" {
  value = aws_eks_cluster.this.identity[0].oidc[0].issuer
}
