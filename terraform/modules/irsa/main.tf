# One IAM role per Tollgate role's service account (no AWS permissions today: they exist so a role can be granted
# one without touching the cluster), and one for External Secrets, limited to Tollgate's secrets.
module "tollgate_role" {
  source   = "terraform-aws-modules/iam/aws//modules/iam-role-for-service-accounts"
  version  = "~> 6.0"
  for_each = toset(["gateway", "management", "worker"])

  name = "${var.name}-${each.key}"
  oidc_providers = {
    eks = {
      provider_arn               = var.oidc_provider_arn
      namespace_service_accounts = ["${var.namespace}:${var.release}-${each.key}"]
    }
  }
}

data "aws_iam_policy_document" "external_secrets" {
  statement {
    actions   = ["secretsmanager:GetSecretValue", "secretsmanager:DescribeSecret"]
    resources = var.secret_arns
  }
}

resource "aws_iam_policy" "external_secrets" {
  name   = "${var.name}-external-secrets"
  policy = data.aws_iam_policy_document.external_secrets.json
}

module "external_secrets" {
  source  = "terraform-aws-modules/iam/aws//modules/iam-role-for-service-accounts"
  version = "~> 6.0"

  name = "${var.name}-external-secrets"
  oidc_providers = {
    eks = {
      provider_arn               = var.oidc_provider_arn
      namespace_service_accounts = ["external-secrets:external-secrets"]
    }
  }
  policies = { secrets = aws_iam_policy.external_secrets.arn }
}
