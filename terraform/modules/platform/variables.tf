variable "environment" {
  description = "Environment name: dev, staging or prod."
  type        = string
  validation {
    condition     = contains(["dev", "staging", "prod"], var.environment)
    error_message = "environment must be dev, staging or prod."
  }
}

variable "region" {
  description = "AWS region, e.g. eu-west-1."
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
  description = "DNS zone of the environment (api.<domain> and admin.<domain> serve Tollgate)."
  type        = string
}

variable "acme_email" {
  description = "Contact e-mail of the ACME account of cert-manager."
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
  description = "Multi-AZ datastores, one NAT per zone and deletion protection (staging and prod)."
  type        = bool
  default     = true
}
