# Argo CD itself; this cluster registered with its environment label, which the ApplicationSet's cluster
# generator selects; then one root Application that syncs argocd/ from Git (the AppProject and the ApplicationSet).
# From here on Git is the source of truth.
resource "helm_release" "argocd" {
  name             = "argocd"
  namespace        = "argocd"
  create_namespace = true
  repository       = "https://argoproj.github.io/argo-helm"
  chart            = "argo-cd"
  version          = var.argocd_version

  values = [yamlencode({
    configs = { params = { "server.insecure" = false } }
    global  = { domain = "" }
  })]
}

resource "kubectl_manifest" "in_cluster" {
  depends_on = [helm_release.argocd]
  yaml_body = yamlencode({
    apiVersion = "v1"
    kind       = "Secret"
    metadata = {
      name      = "in-cluster-${var.environment}"
      namespace = "argocd"
      labels = {
        "argocd.argoproj.io/secret-type" = "cluster"
        "tollgate.io/environment"        = var.environment
      }
    }
    stringData = { name = "in-cluster", server = "https://kubernetes.default.svc", config = jsonencode({ tlsClientConfig = { insecure = false } }) }
  })
}

resource "kubectl_manifest" "root" {
  depends_on = [helm_release.argocd]
  yaml_body = yamlencode({
    apiVersion = "argoproj.io/v1alpha1"
    kind       = "Application"
    metadata   = { name = "tollgate-root", namespace = "argocd" }
    spec = {
      project = "default"
      source = {
        repoURL        = var.repo_url
        targetRevision = var.revision
        path           = "argocd"
      }
      destination = { server = "https://kubernetes.default.svc", namespace = "argocd" }
      syncPolicy  = { automated = { prune = true, selfHeal = true } }
    }
  })
}
