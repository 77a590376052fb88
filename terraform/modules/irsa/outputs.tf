output "tollgate_role_arns" {
  description = "IAM role per Tollgate role (roles.<role>.serviceAccount.annotations of the chart)."
  value       = { for role, m in module.tollgate_role : role => m.arn }
}

output "external_secrets_role_arn" {
  description = "IAM role of the External Secrets Operator."
  value       = module.external_secrets.arn
}
