# Remote state in the bootstrap bucket, locked with an S3 lock file (Terraform >= 1.10).
terraform {
  backend "s3" {
    bucket       = "tollgate-terraform-state"
    key          = "environments/prod/terraform.tfstate"
    region       = "eu-west-1"
    encrypt      = true
    use_lockfile = true
  }
}
