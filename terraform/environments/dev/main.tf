module "platform" {
  source = "../../modules/platform"

  environment        = var.environment
  region             = var.region
  vpc_cidr           = var.vpc_cidr
  azs                = var.azs
  kubernetes_version = var.kubernetes_version
  domain             = var.domain
  acme_email         = var.acme_email
  repo_url           = var.repo_url
  admin_role_arns    = var.admin_role_arns
  production_grade   = var.production_grade
}
