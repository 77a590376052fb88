// Dry-run plan of a policy directory against a Tollgate installation (POST /admin/v1/gitops/plan), for the policy
// repository's CI: prints what a sync would change, or every invalid document as <file>:<line>, and exits 1 when the
// documents are invalid, 2 when the call fails. Usage: TOLLGATE_URL=… TOLLGATE_TOKEN=… node scripts/gitops-plan.mjs <dir>
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';

const dir = process.argv[2];
const url = process.env.TOLLGATE_URL;
const token = process.env.TOLLGATE_TOKEN;
if (!dir || !url || !token) {
  console.error('usage: TOLLGATE_URL=https://tollgate.example TOLLGATE_TOKEN=<platform admin token> gitops-plan <dir>');
  process.exit(2);
}

/** Every .yaml/.yml below dir, hidden directories skipped, in the order the reconciler reads them. */
function policyFiles(root) {
  const found = [];
  const walk = (path) => {
    for (const name of readdirSync(path).sort()) {
      if (name.startsWith('.')) continue;
      const full = join(path, name);
      if (statSync(full).isDirectory()) walk(full);
      else if (/\.ya?ml$/.test(name)) found.push(full);
    }
  };
  walk(root);
  return found.sort((a, b) => relative(root, a).localeCompare(relative(root, b)));
}

// One YAML stream of all files; remember where each file starts to name errors by file and line again.
const parts = [];
let body = '';
for (const file of policyFiles(dir)) {
  let text = readFileSync(file, 'utf8');
  if (!text.endsWith('\n')) text += '\n';
  parts.push({ file: relative(dir, file), first: body.split('\n').length });
  body += text + '---\n';
}
if (parts.length === 0) {
  console.error(`no .yaml or .yml files below ${dir}`);
  process.exit(2);
}
const place = (line) => {
  const part = parts.filter((p) => p.first <= line).at(-1);
  return `${part.file}:${line - part.first + 1}`;
};

const response = await fetch(new URL('/admin/v1/gitops/plan', url), {
  method: 'POST',
  headers: { 'content-type': 'application/yaml', authorization: `Bearer ${token}` },
  body,
});
const answer = await response.json().catch(() => ({}));
if (response.status === 422) {
  for (const [where, reason] of Object.entries(answer.errors ?? {})) {
    const line = Number(where.split(':')[1]);
    console.log(`${Number.isNaN(line) ? where : place(line)}: ${reason}`);
  }
  process.exit(1);
}
if (!response.ok) {
  console.error(`plan failed: ${response.status} ${answer.detail ?? answer.title ?? ''}`);
  process.exit(2);
}
for (const change of answer.changes) {
  const ref = [change.kind, change.namespace, change.name].filter(Boolean).join('/');
  console.log(`${change.action.padEnd(7)} ${ref}${change.restoresDrift ? ' (restores drift)' : ''}`);
  for (const field of change.fields) {
    console.log(`          ${field.path}: ${JSON.stringify(field.from ?? null)} -> ${JSON.stringify(field.to ?? null)}`);
  }
}
console.log(`${answer.changes.length} change(s), ${answer.unchanged} unchanged, ${answer.drift.length} drifted`);
