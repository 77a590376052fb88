# Addresses and names only: no output carries a password, token or key.
output "postgres_host" {
  description = "Address of the PostgreSQL server (database.host of the chart)."
  value       = aws_db_instance.postgres.address
}

output "redis_host" {
  description = "Primary endpoint of Redis (redis.host of the chart)."
  value       = aws_elasticache_replication_group.redis.primary_endpoint_address
}

output "rabbitmq_host" {
  description = "AMQPS host of the broker (rabbitmq.host of the chart)."
  value       = trimprefix(split(":", aws_mq_broker.rabbitmq.instances[0].endpoints[0])[1], "//")
}

output "secret_arns" {
  description = "ARNs of the Secrets Manager entries External Secrets may read (for its IAM policy)."
  value = concat(
    [for s in aws_secretsmanager_secret.context : s.arn],
    [for s in aws_secretsmanager_secret.app : s.arn],
    [aws_secretsmanager_secret.redis.arn, aws_secretsmanager_secret.rabbitmq.arn, aws_db_instance.postgres.master_user_secret[0].secret_arn],
  )
}

output "postgres_admin_secret_arn" {
  description = "ARN of the RDS-managed admin secret (secrets.databaseAdmin.remoteKey of the chart)."
  value       = aws_db_instance.postgres.master_user_secret[0].secret_arn
}
