#!/usr/bin/env bash
# Makes the two secrets a raft group shares, for kustomize's secretGenerator (kustomization.yaml next to this):
#   secrets/cluster-secret  LEDGER_CLUSTER_SECRET: signs transfers forwarded to the leader; the keystore password
#   secrets/raft.p12        the key and certificate every member holds: mutual TLS on the raft port
# They are git-ignored and kept when they exist (every member and every rollout must see the same ones);
# --force makes new ones, which a running group only accepts when all its pods restart together.
# Needs keytool (any JDK).
set -euo pipefail
dir="$(cd "$(dirname "$0")" && pwd)/secrets"
if [[ -f "$dir/cluster-secret" && -f "$dir/raft.p12" && "${1:-}" != "--force" ]]; then
  echo "raft secrets exist in $dir (--force makes new ones)"
  exit 0
fi
mkdir -p "$dir"
chmod 700 "$dir"
rm -f "$dir/cluster-secret" "$dir/raft.p12"
umask 077
# 32 random bytes as hex, without a trailing newline (the file's bytes become the variable's value).
secret="$(od -An -tx1 -N32 /dev/urandom | tr -d ' \n')"
printf '%s' "$secret" > "$dir/cluster-secret"
LEDGER_KEYSTORE_PASSWORD="$secret" keytool -genkeypair -alias raft -keyalg EC -groupname secp256r1 \
  -dname CN=ledger-raft -validity 3650 -storetype PKCS12 -keystore "$dir/raft.p12" \
  -storepass:env LEDGER_KEYSTORE_PASSWORD >/dev/null 2>&1
echo "made $dir/cluster-secret and $dir/raft.p12"
