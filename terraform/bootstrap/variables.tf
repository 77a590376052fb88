variable "region" {
  description = "AWS region of the state bucket."
  type        = string
}

variable "state_bucket_name" {
  description = "Globally unique name of the S3 bucket that stores every environment's Terraform state."
  type        = string
}

variable "tags" {
  description = "Tags applied to every resource."
  type        = map(string)
  default     = { project = "tollgate", managed-by = "terraform" }
}
