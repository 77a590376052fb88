variable "environment" {
  description = "Environment name: dev, staging or prod."
  type        = string
}

variable "region" {
  description = "AWS region of the environment."
  type        = string
}

variable "vpc_cidr" {
  description = "CIDR of the environment's VPC."
  type        = string
}

variable "azs" {
  description = "Availability zones of the environment."
  type        = list(string)
}

variable "kubernetes_version" {
  description = "EKS Kubernetes version."
  type        = string
}

variable "domain" {
  description = "DNS zone of the environment."
  type        = string
}

variable "acme_email" {
  description = "Contact e-mail of the ACME account."
  type        = string
}

variable "repo_url" {
  description = "Git repository ArgoCD syncs."
  type        = string
}

variable "admin_role_arns" {
  description = "IAM roles with cluster-admin access."
  type        = list(string)
  default     = []
}

variable "production_grade" {
  description = "Multi-AZ datastores, one NAT per zone, deletion protection."
  type        = bool
}

variable "tags" {
  description = "Tags of every resource (the environment tag is added)."
  type        = map(string)
  default     = { project = "tollgate", managed-by = "terraform", owner = "platform" }
}
