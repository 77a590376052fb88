variable "name" {
  description = "Name prefix of the IAM roles, e.g. tollgate-prod."
  type        = string
}

variable "oidc_provider_arn" {
  description = "OIDC provider of the EKS cluster."
  type        = string
}

variable "namespace" {
  description = "Kubernetes namespace of Tollgate."
  type        = string
  default     = "tollgate"
}

variable "release" {
  description = "Helm release name of Tollgate (service accounts are <release>-<role>)."
  type        = string
  default     = "tollgate"
}

variable "secret_arns" {
  description = "Secrets Manager entries External Secrets may read."
  type        = list(string)
}
