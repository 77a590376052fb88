# Route 53 zone of the environment, cert-manager with an IRSA role allowed to answer DNS-01 challenges in that
# zone only, and the ClusterIssuer the chart's Ingress names.
resource "aws_route53_zone" "this" {
  name = var.domain
}

module "cert_manager_irsa" {
  source  = "terraform-aws-modules/iam/aws//modules/iam-role-for-service-accounts"
  version = "~> 6.0"

  name                       = "${var.name}-cert-manager"
  attach_cert_manager_policy = true
  cert_manager_hosted_zone_arns = [aws_route53_zone.this.arn]
  oidc_providers = {
    eks = {
      provider_arn               = var.oidc_provider_arn
      namespace_service_accounts = ["cert-manager:cert-manager"]
    }
  }
}

resource "helm_release" "cert_manager" {
  name             = "cert-manager"
  namespace        = "cert-manager"
  create_namespace = true
  repository       = "https://charts.jetstack.io"
  chart            = "cert-manager"
  version          = var.cert_manager_version

  values = [yamlencode({
    crds           = { enabled = true }
    serviceAccount = { annotations = { "eks.amazonaws.com/role-arn" = module.cert_manager_irsa.arn } }
  })]
}

resource "kubectl_manifest" "cluster_issuer" {
  depends_on = [helm_release.cert_manager]
  yaml_body = yamlencode({
    apiVersion = "cert-manager.io/v1"
    kind       = "ClusterIssuer"
    metadata   = { name = var.issuer_name }
    spec = {
      acme = {
        email               = var.acme_email
        server              = var.acme_server
        privateKeySecretRef = { name = "${var.issuer_name}-account" }
        solvers = [{
          dns01 = { route53 = { hostedZoneID = aws_route53_zone.this.zone_id } }
        }]
      }
    }
  })
}
