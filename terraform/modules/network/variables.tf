variable "name" {
  description = "Name prefix of the VPC and its subnets, e.g. tollgate-prod."
  type        = string
}

variable "cidr" {
  description = "CIDR of the VPC, e.g. 10.40.0.0/16."
  type        = string
}

variable "azs" {
  description = "Availability zones to spread the subnets over (three for production)."
  type        = list(string)
}

variable "cluster_name" {
  description = "EKS cluster name, for the subnet discovery tags of the load balancer controller."
  type        = string
}

variable "single_nat_gateway" {
  description = "One NAT gateway for all zones (cheaper, for dev) instead of one per zone."
  type        = bool
  default     = false
}
