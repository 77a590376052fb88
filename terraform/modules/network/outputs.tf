output "vpc_id" {
  description = "ID of the VPC."
  value       = module.vpc.vpc_id
}

output "private_subnet_ids" {
  description = "Subnets of the EKS nodes."
  value       = module.vpc.private_subnets
}

output "private_subnet_cidrs" {
  description = "CIDRs of the node subnets (allowed to reach the datastores)."
  value       = module.vpc.private_subnets_cidr_blocks
}

output "database_subnet_ids" {
  description = "Isolated subnets of RDS, ElastiCache and Amazon MQ."
  value       = module.vpc.database_subnets
}

output "database_subnet_cidrs" {
  description = "CIDRs of the datastore subnets (the chart's NetworkPolicy egress targets)."
  value       = module.vpc.database_subnets_cidr_blocks
}

output "database_subnet_group" {
  description = "RDS subnet group name."
  value       = module.vpc.database_subnet_group_name
}
