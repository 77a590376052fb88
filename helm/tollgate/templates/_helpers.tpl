{{/* Chart name. */}}
{{- define "tollgate.name" -}}
{{- default .Chart.Name .Values.nameOverride | trunc 63 | trimSuffix "-" }}
{{- end }}

{{/* Full name: release-chart, or fullnameOverride. Role resources append -<role> (kept under 63 characters). */}}
{{- define "tollgate.fullname" -}}
{{- if .Values.fullnameOverride }}
{{- .Values.fullnameOverride | trunc 50 | trimSuffix "-" }}
{{- else }}
{{- $name := default .Chart.Name .Values.nameOverride }}
{{- if contains $name .Release.Name }}
{{- .Release.Name | trunc 50 | trimSuffix "-" }}
{{- else }}
{{- printf "%s-%s" .Release.Name $name | trunc 50 | trimSuffix "-" }}
{{- end }}
{{- end }}
{{- end }}

{{/* Labels of every resource. */}}
{{- define "tollgate.labels" -}}
helm.sh/chart: {{ printf "%s-%s" .Chart.Name .Chart.Version | replace "+" "_" | trunc 63 | trimSuffix "-" }}
{{ include "tollgate.selectorLabels" . }}
app.kubernetes.io/version: {{ .Chart.AppVersion | quote }}
app.kubernetes.io/part-of: tollgate
app.kubernetes.io/managed-by: {{ .Release.Service }}
{{- end }}

{{/* Labels every pod of this release carries; the default-deny NetworkPolicy selects by them. */}}
{{- define "tollgate.selectorLabels" -}}
app.kubernetes.io/name: {{ include "tollgate.name" . }}
app.kubernetes.io/instance: {{ .Release.Name }}
{{- end }}

{{/* Selector of one role's serving pods. Argument: dict "root" $ "role" <name>. */}}
{{- define "tollgate.roleSelectorLabels" -}}
{{ include "tollgate.selectorLabels" .root }}
app.kubernetes.io/component: {{ .role }}
tollgate.io/role: {{ .role }}
{{- end }}

{{/* Name of a role's resources. Argument: dict "root" $ "role" <name>. */}}
{{- define "tollgate.roleName" -}}
{{- printf "%s-%s" (include "tollgate.fullname" .root) .role }}
{{- end }}

{{/* Image of a role. Argument: dict "root" $ "role" <name> "values" <role values>. */}}
{{- define "tollgate.image" -}}
{{- $repository := .values.image.repository | default (printf "%s/%s" .root.Values.image.repository .role) }}
{{- $tag := .values.image.tag | default .root.Values.image.tag | default .root.Chart.AppVersion }}
{{- printf "%s:%s" $repository $tag }}
{{- end }}

{{/* Pod security context of a role: the chart-wide one with the role's overrides. */}}
{{- define "tollgate.podSecurityContext" -}}
{{- toYaml (mergeOverwrite (deepCopy .root.Values.podSecurityContext) (.values.podSecurityContext | default dict)) }}
{{- end }}

{{/* Container security context of a role: the chart-wide one with the role's overrides. */}}
{{- define "tollgate.securityContext" -}}
{{- toYaml (mergeOverwrite (deepCopy .root.Values.securityContext) (.values.securityContext | default dict)) }}
{{- end }}

{{/* PostgreSQL URL parameters. */}}
{{- define "tollgate.dbQuery" -}}
{{- if ne .Values.database.sslMode "disable" }}?sslmode={{ .Values.database.sslMode }}{{ end }}
{{- end }}

{{/*
Environment of a role's container: datastores, credentials by Secret reference, tracing, then the role's env.
Argument: dict "root" $ "role" <name> "values" <role values>.
*/}}
{{- define "tollgate.env" -}}
{{- $root := .root }}
{{- range $ctx := .values.databases }}
{{- $db := required (printf "database.contexts.%s is missing" $ctx) (index $root.Values.database.contexts $ctx) }}
{{- $secret := required (printf "secrets.databases.%s is missing" $ctx) (index $root.Values.secrets.databases $ctx) }}
{{- $server := printf "%s:%v/tollgate_%s%s" ($db.host | default $root.Values.database.host) $root.Values.database.port $ctx (include "tollgate.dbQuery" $root) }}
- name: QUARKUS_DATASOURCE_{{ upper $ctx }}_REACTIVE_URL
  value: {{ printf "postgresql://%s" $server | quote }}
- name: QUARKUS_DATASOURCE_{{ upper $ctx }}_JDBC_URL
  value: {{ printf "jdbc:postgresql://%s" $server | quote }}
- name: QUARKUS_DATASOURCE_{{ upper $ctx }}_PASSWORD
  valueFrom:
    secretKeyRef:
      name: {{ $secret.name }}
      key: {{ $secret.key }}
{{- end }}
- name: QUARKUS_REDIS_HOSTS
  value: {{ printf "%s://%s:%v" (ternary "rediss" "redis" $root.Values.redis.tls) $root.Values.redis.host $root.Values.redis.port | quote }}
{{- if $root.Values.redis.auth }}
- name: QUARKUS_REDIS_PASSWORD
  valueFrom:
    secretKeyRef:
      name: {{ $root.Values.secrets.redis.name }}
      key: {{ $root.Values.secrets.redis.key }}
{{- end }}
- name: TOLLGATE_RABBITMQ_HOST
  value: {{ $root.Values.rabbitmq.host | quote }}
- name: TOLLGATE_RABBITMQ_PORT
  value: {{ $root.Values.rabbitmq.port | quote }}
- name: RABBITMQ_SSL
  value: {{ $root.Values.rabbitmq.tls | quote }}
- name: TOLLGATE_RABBITMQ_USERNAME
  valueFrom:
    secretKeyRef:
      name: {{ $root.Values.secrets.rabbitmq.name }}
      key: {{ $root.Values.secrets.rabbitmq.usernameKey }}
- name: TOLLGATE_RABBITMQ_PASSWORD
  valueFrom:
    secretKeyRef:
      name: {{ $root.Values.secrets.rabbitmq.name }}
      key: {{ $root.Values.secrets.rabbitmq.passwordKey }}
- name: QUARKUS_OTEL_SDK_DISABLED
  value: {{ (not $root.Values.tracing.enabled) | quote }}
{{- if $root.Values.tracing.enabled }}
- name: QUARKUS_OTEL_EXPORTER_OTLP_ENDPOINT
  value: {{ required "tracing.endpoint is required when tracing is enabled" $root.Values.tracing.endpoint | quote }}
{{- end }}
{{- range $name, $value := .values.env }}
- name: {{ $name }}
  value: {{ $value | quote }}
{{- end }}
{{- end }}

{{/* envFrom of a role: the whole Secrets it lists in secretEnvFrom. */}}
{{- define "tollgate.envFrom" -}}
{{- $root := .root }}
{{- range $ref := .values.secretEnvFrom }}
- secretRef:
    name: {{ (required (printf "secrets.%s is missing" $ref) (index $root.Values.secrets $ref)).name }}
{{- end }}
{{- end }}

{{/* Volumes every Tollgate pod mounts: a writable /tmp on a read-only root filesystem. */}}
{{- define "tollgate.tmpVolume" -}}
- name: tmp
  emptyDir:
    sizeLimit: 256Mi
{{- end }}

{{/* Non-empty when an enabled role connects to a context database. */}}
{{- define "tollgate.usesDatabases" -}}
{{- range $role, $values := .Values.roles }}{{ if and $values.enabled $values.databases }}true{{ end }}{{ end }}
{{- end }}

{{/* Context databases of the enabled roles, sorted and without duplicates. */}}
{{- define "tollgate.databasesInUse" -}}
{{- $all := list }}
{{- range $role, $values := .Values.roles }}{{ if $values.enabled }}{{ $all = concat $all $values.databases }}{{ end }}{{ end }}
{{- toJson ($all | uniq | sortAlpha) }}
{{- end }}

{{/* ArgoCD Sync-hook annotations of a job that runs, recreated on every sync, in wave <wave> before the roles roll. */}}
{{- define "tollgate.preSyncJobAnnotations" -}}
argocd.argoproj.io/hook: Sync
argocd.argoproj.io/hook-delete-policy: BeforeHookCreation
argocd.argoproj.io/sync-wave: {{ . | quote }}
{{- end }}
