# The datastores and the Secrets Manager entries the chart reads through External Secrets.
# Secret handling (ADR 0015): the RDS admin login is managed by RDS in Secrets Manager (keys username, password;
# the chart's bootstrap job reads it) and never enters state;
# the per-context database passwords are ephemeral and written write-only (secret_string_wo), so they never enter
# state either. The ElastiCache AUTH token and the Amazon MQ password have no write-only argument in the AWS
# provider: they are in the (KMS-encrypted, access-restricted) state. No output carries a secret.

resource "aws_security_group" "datastores" {
  name        = "${var.name}-datastores"
  description = "PostgreSQL, Redis and RabbitMQ, reachable from the EKS nodes only"
  vpc_id      = var.vpc_id
}

resource "aws_vpc_security_group_ingress_rule" "datastores" {
  for_each = { postgres = 5432, redis = 6379, amqps = 5671 }

  security_group_id            = aws_security_group.datastores.id
  referenced_security_group_id = var.client_security_group_id
  ip_protocol                  = "tcp"
  from_port                    = each.value
  to_port                      = each.value
  description                  = "${each.key} from the EKS nodes"
}

# --- PostgreSQL: one server; one database and login role per context, created by the chart's bootstrap job ---
resource "aws_db_parameter_group" "postgres" {
  name   = "${var.name}-postgres16"
  family = "postgres16"

  parameter {
    name  = "rds.force_ssl"
    value = "1"
  }
}

resource "aws_db_instance" "postgres" {
  identifier                      = var.name
  engine                          = "postgres"
  engine_version                  = "16"
  instance_class                  = var.postgres_instance_class
  allocated_storage               = 100
  max_allocated_storage           = 1000
  storage_encrypted               = true
  multi_az                        = var.postgres_multi_az
  db_subnet_group_name            = var.db_subnet_group
  vpc_security_group_ids          = [aws_security_group.datastores.id]
  parameter_group_name            = aws_db_parameter_group.postgres.name
  username                        = "tollgate_admin"
  manage_master_user_password     = true
  iam_database_authentication_enabled = true
  backup_retention_period         = 14
  deletion_protection             = var.deletion_protection
  skip_final_snapshot             = !var.deletion_protection
  final_snapshot_identifier       = "${var.name}-final"
  performance_insights_enabled    = true
  auto_minor_version_upgrade      = true
  enabled_cloudwatch_logs_exports = ["postgresql"]
}

ephemeral "random_password" "context" {
  for_each = toset(var.contexts)

  length  = 40
  special = false
}

resource "aws_secretsmanager_secret" "context" {
  for_each = toset(var.contexts)

  name        = "${var.secret_prefix}/db/${each.key}"
  description = "Password of the PostgreSQL login role tollgate_${each.key}"
}

resource "aws_secretsmanager_secret_version" "context" {
  for_each = toset(var.contexts)

  secret_id                = aws_secretsmanager_secret.context[each.key].id
  secret_string_wo         = jsonencode({ password = ephemeral.random_password.context[each.key].result })
  secret_string_wo_version = 1

  lifecycle {
    # Rotation happens in Secrets Manager; Terraform only seeds the first version.
    ignore_changes = [secret_string_wo_version]
  }
}

# --- Redis: TLS in transit, AUTH token, encrypted at rest, Multi-AZ with automatic failover ---
resource "random_password" "redis_auth" {
  length  = 64
  special = false
}

resource "aws_elasticache_subnet_group" "redis" {
  name       = "${var.name}-redis"
  subnet_ids = var.subnet_ids
}

resource "aws_elasticache_replication_group" "redis" {
  replication_group_id       = var.name
  description                = "Tollgate caches and counters"
  engine                     = "redis"
  engine_version             = "7.1"
  node_type                  = var.redis_node_type
  num_cache_clusters         = 2
  automatic_failover_enabled = true
  multi_az_enabled           = true
  port                       = 6379
  subnet_group_name          = aws_elasticache_subnet_group.redis.name
  security_group_ids         = [aws_security_group.datastores.id]
  at_rest_encryption_enabled = true
  transit_encryption_enabled = true
  auth_token                 = random_password.redis_auth.result
  auth_token_update_strategy = "ROTATE"
}

resource "aws_secretsmanager_secret" "redis" {
  name        = "${var.secret_prefix}/redis"
  description = "ElastiCache AUTH token of Tollgate (key auth-token)"
}

resource "aws_secretsmanager_secret_version" "redis" {
  secret_id     = aws_secretsmanager_secret.redis.id
  secret_string = jsonencode({ auth-token = random_password.redis_auth.result })
}

# --- RabbitMQ: Amazon MQ, AMQPS only, private ---
resource "random_password" "mq" {
  length  = 40
  special = false
}

resource "aws_mq_broker" "rabbitmq" {
  broker_name                = var.name
  engine_type                = "RabbitMQ"
  engine_version             = "3.13"
  host_instance_type         = var.mq_instance_type
  deployment_mode            = var.mq_deployment_mode
  publicly_accessible        = false
  subnet_ids                 = var.mq_deployment_mode == "SINGLE_INSTANCE" ? [var.subnet_ids[0]] : var.subnet_ids
  security_groups            = [aws_security_group.datastores.id]
  auto_minor_version_upgrade = true

  user {
    username = "tollgate"
    password = random_password.mq.result
  }

  logs {
    general = true
  }
}

resource "aws_secretsmanager_secret" "rabbitmq" {
  name        = "${var.secret_prefix}/rabbitmq"
  description = "Amazon MQ login of Tollgate (keys username, password)"
}

resource "aws_secretsmanager_secret_version" "rabbitmq" {
  secret_id     = aws_secretsmanager_secret.rabbitmq.id
  secret_string = jsonencode({ username = "tollgate", password = random_password.mq.result })
}

# --- Application keys: created empty; the values are put by the security team (docs/deploy.md) ---
resource "aws_secretsmanager_secret" "app" {
  for_each = { catalog-kek = "Catalog credential key-encryption keys (TOLLGATE_CATALOG_KEK_*)", token-signing = "Token signing key" }

  name        = "${var.secret_prefix}/${each.key}"
  description = each.value
}
