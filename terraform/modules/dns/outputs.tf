output "zone_id" {
  description = "Route 53 zone of the environment."
  value       = aws_route53_zone.this.zone_id
}

output "name_servers" {
  description = "Name servers to delegate the domain to."
  value       = aws_route53_zone.this.name_servers
}
