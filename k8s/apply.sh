#!/usr/bin/env bash
# `kubectl apply -k <kustomization>`, with the one check kustomize cannot make itself: a raft group (overlays/raft,
# examples/managed-postgres, or a kustomization of yours on top of them) needs the members' secrets that
# raft-group/make-secrets.sh makes, once, and zookeeper mode (overlays/zookeeper) the cluster secret that
# cluster-secret/make-secret.sh makes, once. Without them kustomize stops with a long error about a missing file;
# this says what to do instead.
#
#   k8s/apply.sh <kustomization dir> [kubectl apply options, e.g. -n ledger]
#
# KUBECTL=/path/to/kubectl uses another kubectl.
set -euo pipefail
if [[ $# -lt 1 ]]; then
  echo "usage: $0 <kustomization dir> [kubectl apply options, e.g. -n ledger]" >&2
  exit 2
fi
kustomization="$1"
shift
kubectl="${KUBECTL:-kubectl}"
k8s="$(cd "$(dirname "$0")" && pwd)"
secrets="$k8s/raft-group/secrets"
errors="$(mktemp)"
trap 'rm -f "$errors"' EXIT
if ! manifests="$("$kubectl" kustomize "$kustomization" 2>"$errors")"; then
  if grep -q "raft-group/secrets/" "$errors" && [[ ! -f "$secrets/cluster-secret" || ! -f "$secrets/raft.p12" ]]; then
    echo "The raft group's secrets have not been made yet: run k8s/raft-group/make-secrets.sh (once; it keeps" \
      "them afterwards), then this again." >&2
  elif grep -q "cluster-secret/secrets/" "$errors" && [[ ! -f "$k8s/cluster-secret/secrets/cluster-secret" ]]; then
    echo "The cluster secret has not been made yet: run k8s/cluster-secret/make-secret.sh (once; it keeps it" \
      "afterwards), then this again." >&2
  else
    cat "$errors" >&2
  fi
  exit 1
fi
printf '%s\n' "$manifests" | "$kubectl" apply -f - "$@"
