# One environment of Tollgate on AWS: network, cluster, datastores, IAM roles for service accounts, DNS and
# certificates, ArgoCD.
locals {
  name = "tollgate-${var.environment}"
}

module "network" {
  source = "../network"

  name               = local.name
  cidr               = var.vpc_cidr
  azs                = var.azs
  cluster_name       = local.name
  single_nat_gateway = !var.production_grade
}

module "eks" {
  source = "../eks"

  cluster_name       = local.name
  kubernetes_version = var.kubernetes_version
  vpc_id             = module.network.vpc_id
  subnet_ids         = module.network.private_subnet_ids
  admin_role_arns    = var.admin_role_arns
}

module "data" {
  source = "../data"

  name                     = local.name
  secret_prefix            = "tollgate/${var.environment}"
  vpc_id                   = module.network.vpc_id
  subnet_ids               = module.network.database_subnet_ids
  db_subnet_group          = module.network.database_subnet_group
  client_security_group_id = module.eks.node_security_group_id
  postgres_multi_az        = var.production_grade
  mq_deployment_mode       = var.production_grade ? "CLUSTER_MULTI_AZ" : "SINGLE_INSTANCE"
  mq_instance_type         = var.production_grade ? "mq.m5.large" : "mq.t3.micro"
  redis_node_type          = var.production_grade ? "cache.m7g.large" : "cache.t4g.small"
  postgres_instance_class  = var.production_grade ? "db.m7g.large" : "db.t4g.medium"
  deletion_protection      = var.production_grade
}

module "irsa" {
  source = "../irsa"

  name              = local.name
  oidc_provider_arn = module.eks.oidc_provider_arn
  secret_arns       = module.data.secret_arns
}

module "dns" {
  source = "../dns"

  name              = local.name
  domain            = var.domain
  oidc_provider_arn = module.eks.oidc_provider_arn
  acme_email        = var.acme_email
  acme_server       = var.production_grade ? "https://acme-v02.api.letsencrypt.org/directory" : "https://acme-staging-v02.api.letsencrypt.org/directory"
  issuer_name       = var.production_grade ? "letsencrypt-prod" : "letsencrypt-staging"
}

module "argocd" {
  source = "../argocd"

  repo_url    = var.repo_url
  environment = var.environment
}
