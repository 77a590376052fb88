variable "name" {
  description = "Name prefix of the datastores and of their Secrets Manager entries, e.g. tollgate-prod."
  type        = string
}

variable "secret_prefix" {
  description = "Prefix of the Secrets Manager names the chart's ExternalSecrets read, e.g. tollgate/prod."
  type        = string
}

variable "vpc_id" {
  description = "VPC of the datastores."
  type        = string
}

variable "subnet_ids" {
  description = "Isolated database subnets."
  type        = list(string)
}

variable "db_subnet_group" {
  description = "RDS subnet group name."
  type        = string
}

variable "client_security_group_id" {
  description = "Security group of the EKS nodes, the only clients allowed in."
  type        = string
}

variable "contexts" {
  description = "Bounded contexts that get a database and login role each (ADR 0003)."
  type        = list(string)
  default     = ["identity", "keys", "catalog", "quota", "metering", "audit", "policy"]
}

variable "postgres_instance_class" {
  description = "RDS instance class."
  type        = string
  default     = "db.m7g.large"
}

variable "postgres_multi_az" {
  description = "Standby in a second zone (production)."
  type        = bool
  default     = true
}

variable "redis_node_type" {
  description = "ElastiCache node type."
  type        = string
  default     = "cache.m7g.large"
}

variable "mq_instance_type" {
  description = "Amazon MQ broker instance type."
  type        = string
  default     = "mq.m5.large"
}

variable "mq_deployment_mode" {
  description = "SINGLE_INSTANCE (dev) or CLUSTER_MULTI_AZ (production)."
  type        = string
  default     = "CLUSTER_MULTI_AZ"
}

variable "deletion_protection" {
  description = "Protect the database from deletion and take a final snapshot."
  type        = bool
  default     = true
}
