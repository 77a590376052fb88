#!/usr/bin/env node
// Checks the deployment files that the Maven build does not read (the chart, dashboards and alerts are checked
// by the ops tests in src/test/java/io/tollgate/ops):
//   terraform/    every .tf parses (@cdktf/hcl2json); variables without a default have a description; each
//                 environment root keeps remote state in S3 with encryption and locking; providers tag resources
//                 (default_tags); no output is sensitive or carries a password, token or key.
//   argocd/       parses; an AppProject and an ApplicationSet that creates dev, staging and prod from
//                 helm/environments/<env>/values.yaml with automated sync, prune and self-heal.
//   .gitlab-ci.yml parses; has the stages and jobs of docs/deploy.md; the test job runs scripts/test with
//                 PostgreSQL, Redis and RabbitMQ services; native jobs cover every role; deploy jobs only commit;
//                 nightly jobs run on schedules only.
//   .gitleaks.toml has a rule that catches Tollgate API keys.
// Usage: node scripts/check-ops.mjs            checks this repository; exit status 1 on any problem
//        node scripts/check-ops.mjs --self-test runs on scripts/fixtures/check-ops, where each defect is planted,
//                                              and fails unless every one is reported
import { parse as parseHcl } from '@cdktf/hcl2json';
import YAML from 'yaml';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const REPO = join(dirname(fileURLToPath(import.meta.url)), '..');
const ENVIRONMENTS = ['dev', 'staging', 'prod'];
const ROLES = ['gateway', 'management', 'worker'];
const STAGES = ['test', 'scan', 'native', 'publish', 'deploy'];
const JOBS = ['test', 'codeql', 'gitleaks', 'trivy-fs', 'trivy-config', 'trivy-image', 'hadolint', 'tflint',
  'terraform-validate', 'spotbugs', 'native-image', 'native-smoke', 'publish', 'gitops-deploy-dev',
  'gitops-deploy-staging', 'gitops-deploy-prod', 'nightly-regression', 'nightly-keycloak-sso',
  'nightly-fault-injection', 'nightly-benchmarks'];
const SECRET_OUTPUT = /password|auth_token|secret_string|private_key|random_password\.[\w-]+\.result|\.token\b/i;

function files(dir, suffix) {
  if (!existsSync(dir)) return [];
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (name === '.terraform') return [];
    return statSync(path).isDirectory() ? files(path, suffix) : name.endsWith(suffix) ? [path] : [];
  });
}

async function checkTerraform(root, problems) {
  const tfFiles = files(join(root, 'terraform'), '.tf');
  if (tfFiles.length === 0) problems.push('terraform: no .tf files');
  const byDir = new Map();
  for (const file of tfFiles) {
    const where = relative(root, file);
    let hcl;
    try {
      hcl = await parseHcl(file, readFileSync(file, 'utf8'));
    } catch (e) {
      problems.push(`${where}: does not parse: ${String(e.message ?? e).split('\n')[0]}`);
      continue;
    }
    const dir = dirname(file);
    byDir.set(dir, [...(byDir.get(dir) ?? []), hcl]);
    for (const [name, [variable]] of Object.entries(hcl.variable ?? {})) {
      if (!('default' in variable) && !String(variable.description ?? '').trim()) {
        problems.push(`${where}: required variable "${name}" has no description`);
      }
    }
    for (const [name, [output]] of Object.entries(hcl.output ?? {})) {
      if (output.sensitive === true) problems.push(`${where}: output "${name}" is sensitive: outputs carry no secrets`);
      if (SECRET_OUTPUT.test(name) || SECRET_OUTPUT.test(JSON.stringify(output.value ?? ''))) {
        problems.push(`${where}: output "${name}" exposes a secret`);
      }
    }
  }
  for (const env of ENVIRONMENTS) {
    const dir = join(root, 'terraform', 'environments', env);
    const blocks = byDir.get(dir);
    if (!blocks) {
      problems.push(`terraform/environments/${env}: missing`);
      continue;
    }
    const s3 = blocks.flatMap((b) => b.terraform ?? []).flatMap((t) => t.backend?.s3 ?? [])[0];
    if (!s3) problems.push(`terraform/environments/${env}: no S3 backend (remote state)`);
    else {
      if (s3.use_lockfile !== true && !s3.dynamodb_table) problems.push(`terraform/environments/${env}: state has no locking`);
      if (s3.encrypt !== true) problems.push(`terraform/environments/${env}: state is not encrypted`);
    }
    const aws = blocks.flatMap((b) => b.provider?.aws ?? []);
    if (aws.length === 0 || aws.some((p) => !p.default_tags)) {
      problems.push(`terraform/environments/${env}: provider aws has no default_tags`);
    }
  }
}

function yamlDocuments(file, problems, root) {
  try {
    const docs = YAML.parseAllDocuments(readFileSync(file, 'utf8'));
    const errors = docs.flatMap((d) => d.errors);
    if (errors.length) throw errors[0];
    return docs.map((d) => d.toJS());
  } catch (e) {
    problems.push(`${relative(root, file)}: does not parse: ${String(e.message ?? e).split('\n')[0]}`);
    return [];
  }
}

function checkArgoCd(root, problems) {
  const docs = files(join(root, 'argocd'), '.yaml').flatMap((f) => yamlDocuments(f, problems, root)).filter(Boolean);
  const project = docs.find((d) => d.kind === 'AppProject');
  const appSet = docs.find((d) => d.kind === 'ApplicationSet');
  if (!project) problems.push('argocd: no AppProject');
  if (!appSet) {
    problems.push('argocd: no ApplicationSet');
    return;
  }
  const spec = appSet.spec?.template?.spec ?? {};
  const automated = spec.syncPolicy?.automated;
  if (!automated) problems.push('argocd: the ApplicationSet template has no automated sync');
  else {
    if (automated.prune !== true) problems.push('argocd: automated sync does not prune');
    if (automated.selfHeal !== true) problems.push('argocd: automated sync does not self-heal');
  }
  if (project && spec.project !== project.metadata?.name) problems.push(`argocd: Applications use project "${spec.project}", not the AppProject`);
  const generators = JSON.stringify(appSet.spec?.generators ?? []);
  for (const env of ENVIRONMENTS) {
    if (!generators.includes(env)) problems.push(`argocd: the ApplicationSet generates no ${env} Application`);
    if (!existsSync(join(root, 'helm', 'environments', env, 'values.yaml'))) problems.push(`helm/environments/${env}/values.yaml is missing`);
  }
  if (spec.source?.path !== 'helm/tollgate') problems.push('argocd: the Applications do not deploy helm/tollgate');
  if (!JSON.stringify(spec.source?.helm?.valueFiles ?? []).includes('environments/')) {
    problems.push('argocd: the Applications take no values file from helm/environments');
  }
}

/** A GitLab CI job with its extends chain merged in (keys of the job win). */
function resolved(ci, name, seen = new Set()) {
  const job = ci[name] ?? {};
  if (seen.has(name)) return job;
  seen.add(name);
  const parents = [job.extends ?? []].flat();
  return Object.assign({}, ...parents.map((p) => resolved(ci, p, seen)), job);
}

function checkGitlabCi(root, problems) {
  const file = join(root, '.gitlab-ci.yml');
  if (!existsSync(file)) {
    problems.push('.gitlab-ci.yml is missing');
    return;
  }
  const [ci] = yamlDocuments(file, problems, root);
  if (!ci) return;
  for (const stage of STAGES) if (!(ci.stages ?? []).includes(stage)) problems.push(`.gitlab-ci.yml: stage "${stage}" is missing`);
  for (const job of JOBS) if (!ci[job]) problems.push(`.gitlab-ci.yml: job "${job}" is missing`);
  const script = (job) => [job.script ?? []].flat().join('\n');
  const services = (job) => JSON.stringify(job.services ?? []);
  const test = resolved(ci, 'test');
  if (ci.test && !script(test).includes('scripts/test')) problems.push('.gitlab-ci.yml: job "test" does not run scripts/test');
  for (const service of ['postgres', 'redis', 'rabbitmq']) {
    if (ci.test && !services(test).includes(service)) problems.push(`.gitlab-ci.yml: job "test" has no ${service} service`);
  }
  for (const name of ['native-image', 'native-smoke', 'trivy-image', 'publish']) {
    if (!ci[name]) continue;
    const matrix = JSON.stringify(resolved(ci, name).parallel?.matrix ?? []);
    for (const role of ROLES) if (!matrix.includes(role)) problems.push(`.gitlab-ci.yml: job "${name}" does not cover the ${role} role`);
  }
  for (const env of ENVIRONMENTS) {
    const name = `gitops-deploy-${env}`;
    if (!ci[name]) continue;
    const body = script(resolved(ci, name));
    if (/kubectl|helm (upgrade|install)|argocd app sync/.test(body)) problems.push(`.gitlab-ci.yml: job "${name}" applies to a cluster instead of committing`);
    if (!body.includes('git push')) problems.push(`.gitlab-ci.yml: job "${name}" does not commit the image tag`);
  }
  for (const name of Object.keys(ci).filter((k) => k.startsWith('nightly-'))) {
    const rules = JSON.stringify(resolved(ci, name).rules ?? []);
    if (!rules.includes('$CI_PIPELINE_SOURCE == \\"schedule\\"')) problems.push(`.gitlab-ci.yml: job "${name}" does not run on the nightly schedule`);
  }
}

function checkGitleaks(root, problems) {
  const file = join(root, '.gitleaks.toml');
  const text = existsSync(file) ? readFileSync(file, 'utf8') : '';
  const regexes = [...text.matchAll(/regex\s*=\s*'''(.+?)'''/g)].map((m) => new RegExp(m[1]));
  const key = 'tgk_' + 'aB3'.repeat(14) + 'x'; // the shape of a real key: tgk_ + 43 base62 characters
  if (!regexes.some((r) => r.test(key))) problems.push('.gitleaks.toml: no rule catches a Tollgate API key (tgk_…)');
  if (regexes.some((r) => r.test('tgk_ prefix'))) problems.push('.gitleaks.toml: the tgk_ rule also matches the bare prefix');
}

async function check(root) {
  const problems = [];
  await checkTerraform(root, problems);
  checkArgoCd(root, problems);
  checkGitlabCi(root, problems);
  checkGitleaks(root, problems);
  return problems;
}

const FIXTURES = join(REPO, 'scripts', 'fixtures', 'check-ops');
// Each planted defect of the fixtures and the problem that must report it.
const PLANTED = [
  'terraform/modules/broken/main.tf: does not parse',
  'terraform/modules/network/variables.tf: required variable "cidr" has no description',
  'terraform/modules/network/outputs.tf: output "db_password" is sensitive',
  'terraform/modules/network/outputs.tf: output "redis" exposes a secret',
  'terraform/environments/dev: state has no locking',
  'terraform/environments/dev: provider aws has no default_tags',
  'terraform/environments/staging: missing',
  'argocd: automated sync does not prune',
  'argocd: the ApplicationSet generates no prod Application',
  '.gitlab-ci.yml: job "tflint" is missing',
  '.gitlab-ci.yml: job "test" has no rabbitmq service',
  '.gitlab-ci.yml: job "native-image" does not cover the worker role',
  '.gitlab-ci.yml: job "gitops-deploy-prod" applies to a cluster instead of committing',
  '.gitlab-ci.yml: job "nightly-benchmarks" does not run on the nightly schedule',
  '.gitleaks.toml: no rule catches a Tollgate API key',
];

if (process.argv.includes('--self-test')) {
  const problems = await check(FIXTURES);
  const missed = PLANTED.filter((p) => !problems.some((found) => found.startsWith(p)));
  for (const p of PLANTED) console.log(`[check-ops self-test] ${missed.includes(p) ? 'MISSED' : 'caught'}: ${p}`);
  if (missed.length) process.exit(1);
  console.log(`[check-ops self-test] all ${PLANTED.length} planted defects reported`);
} else {
  const problems = await check(REPO);
  for (const p of problems) console.error(`[check-ops] ${p}`);
  if (problems.length) process.exit(1);
  console.log('[check-ops] terraform/, argocd/, .gitlab-ci.yml and .gitleaks.toml pass');
}
