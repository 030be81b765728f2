#!/usr/bin/env bash
# Makes secrets/cluster-secret, LEDGER_CLUSTER_SECRET for kustomize's secretGenerator (kustomization.yaml next to
# this): 32 random bytes as hex. Git-ignored, and kept when it exists (every pod and every rollout must see the
# same one); --force makes a new one, which takes effect as the pods roll (forwards between pods on different
# secrets are refused meanwhile).
set -euo pipefail
dir="$(cd "$(dirname "$0")" && pwd)/secrets"
if [[ -f "$dir/cluster-secret" && "${1:-}" != "--force" ]]; then
  echo "the cluster secret exists in $dir (--force makes a new one)"
  exit 0
fi
mkdir -p "$dir"
chmod 700 "$dir"
umask 077
# Without a trailing newline: the file's bytes become the variable's value.
od -An -tx1 -N32 /dev/urandom | tr -d ' \n' > "$dir/cluster-secret.new"
mv "$dir/cluster-secret.new" "$dir/cluster-secret"
echo "made $dir/cluster-secret"
