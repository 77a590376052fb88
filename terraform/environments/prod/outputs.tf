output "platform" {
  description = "Addresses, names and ARNs for helm/environments/<env>/values.yaml; no secrets."
  value       = module.platform
}
