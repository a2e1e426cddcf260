{{- define "hookline.fullname" -}}
{{- if contains .Chart.Name .Release.Name -}}
{{- .Release.Name | trunc 63 | trimSuffix "-" -}}
{{- else -}}
{{- printf "%s-%s" .Release.Name .Chart.Name | trunc 63 | trimSuffix "-" -}}
{{- end -}}
{{- end -}}

{{- define "hookline.labels" -}}
helm.sh/chart: {{ printf "%s-%s" .Chart.Name .Chart.Version }}
app.kubernetes.io/part-of: hookline
app.kubernetes.io/instance: {{ .Release.Name }}
app.kubernetes.io/managed-by: {{ .Release.Service }}
app.kubernetes.io/version: {{ .Chart.AppVersion | quote }}
{{- end -}}

{{/* Selector labels of one service; call with (dict "root" $ "svc" $svc). */}}
{{- define "hookline.selectorLabels" -}}
app.kubernetes.io/name: {{ .svc.name }}
app.kubernetes.io/instance: {{ .root.Release.Name }}
{{- end -}}

{{- define "hookline.componentName" -}}
{{- printf "%s-%s" (include "hookline.fullname" .root) .svc.name | trunc 63 | trimSuffix "-" -}}
{{- end -}}

{{- define "hookline.image" -}}
{{- $image := .root.Values.image -}}
{{- $repository := printf "%s/%s" $image.repositoryPrefix .name -}}
{{- if $image.registry }}{{ $repository = printf "%s/%s" $image.registry $repository }}{{ end -}}
{{- printf "%s:%s" $repository (default .root.Chart.AppVersion $image.tag) -}}
{{- end -}}

{{- define "hookline.secretName" -}}
{{- default (printf "%s-secrets" (include "hookline.fullname" .)) .Values.secrets.existingSecret -}}
{{- end -}}

{{- define "hookline.serviceAccountName" -}}
{{- if .Values.serviceAccount.create -}}
{{- default (include "hookline.fullname" .) .Values.serviceAccount.name -}}
{{- else -}}
{{- default "default" .Values.serviceAccount.name -}}
{{- end -}}
{{- end -}}

{{/* One env entry from the chart's Secret (or existingSecret); the key is the variable's name. */}}
{{- define "hookline.secretEnv" -}}
- name: {{ .key }}
  valueFrom:
    secretKeyRef:
      name: {{ include "hookline.secretName" .root }}
      key: {{ .key }}
      {{- if .optional }}
      optional: true
      {{- end }}
{{- end -}}

{{- define "hookline.kafkaBrokers" -}}
{{- required "kafka.brokers is required (host:port list of your Kafka cluster)" .Values.kafka.brokers -}}
{{- end -}}

{{- define "hookline.podSecurityContext" -}}
{{ toYaml .Values.podSecurityContext }}
{{- end -}}

{{- define "hookline.containerSecurityContext" -}}
{{ toYaml .Values.securityContext }}
{{- end -}}
