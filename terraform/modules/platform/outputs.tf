# What helm/environments/<env>/values.yaml needs. Addresses, names and ARNs only.
output "cluster_name" {
  description = "EKS cluster (aws eks update-kubeconfig --name <this>)."
  value       = module.eks.cluster_name
}

output "postgres_host" {
  description = "database.host"
  value       = module.data.postgres_host
}

output "postgres_admin_secret_arn" {
  description = "secrets.databaseAdmin.remoteKey"
  value       = module.data.postgres_admin_secret_arn
}

output "redis_host" {
  description = "redis.host"
  value       = module.data.redis_host
}

output "rabbitmq_host" {
  description = "rabbitmq.host"
  value       = module.data.rabbitmq_host
}

output "datastore_cidrs" {
  description = "database.cidrs, redis.cidrs and rabbitmq.cidrs"
  value       = module.network.database_subnet_cidrs
}

output "service_account_role_arns" {
  description = "roles.<role>.serviceAccount.annotations.eks.amazonaws.com/role-arn"
  value       = module.irsa.tollgate_role_arns
}

output "external_secrets_role_arn" {
  description = "IRSA role of the External Secrets Operator."
  value       = module.irsa.external_secrets_role_arn
}

output "name_servers" {
  description = "Delegate the environment's domain to these."
  value       = module.dns.name_servers
}

output "cluster_endpoint" {
  description = "API server endpoint (for the helm and kubectl providers)."
  value       = module.eks.cluster_endpoint
}

output "cluster_certificate_authority_data" {
  description = "CA of the API server (public data)."
  value       = module.eks.cluster_certificate_authority_data
}
