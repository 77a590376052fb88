variable "argocd_version" {
  description = "Version of the argo-cd Helm chart."
  type        = string
  default     = "8.3.0"
}

variable "repo_url" {
  description = "Git repository ArgoCD syncs (this repository)."
  type        = string
}

variable "revision" {
  description = "Branch or tag of repo_url that ArgoCD follows."
  type        = string
  default     = "main"
}

variable "environment" {
  description = "Environment this cluster runs (dev, staging or prod): the label the ApplicationSet selects this cluster by."
  type        = string
}
