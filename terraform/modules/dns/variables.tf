variable "name" {
  description = "Name prefix of the IAM role, e.g. tollgate-prod."
  type        = string
}

variable "domain" {
  description = "DNS zone of this environment, e.g. prod.tollgate.example.com (a Route 53 public hosted zone is created)."
  type        = string
}

variable "oidc_provider_arn" {
  description = "OIDC provider of the EKS cluster, for cert-manager's IRSA role."
  type        = string
}

variable "acme_email" {
  description = "Contact e-mail of the ACME (Let's Encrypt) account."
  type        = string
}

variable "acme_server" {
  description = "ACME directory; the staging one for dev avoids rate limits."
  type        = string
  default     = "https://acme-v02.api.letsencrypt.org/directory"
}

variable "issuer_name" {
  description = "Name of the ClusterIssuer (ingress.certManager.issuer of the chart)."
  type        = string
  default     = "letsencrypt-prod"
}

variable "cert_manager_version" {
  description = "Version of the cert-manager Helm chart."
  type        = string
  default     = "v1.18.2"
}
