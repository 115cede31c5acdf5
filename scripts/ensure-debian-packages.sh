#!/usr/bin/env bash
# Install Debian packages the project needs when their command is missing (these machines run as
# root; elsewhere, install them by hand). Usage: ensure-debian-packages.sh COMMAND...
# The command and the package share a name for everything the project uses (npm, chromium, wrk).
set -euo pipefail
missing=()
for command in "$@"; do
  command -v "$command" >/dev/null 2>&1 || missing+=("$command")
done
[ ${#missing[@]} -eq 0 ] && exit 0
if [ "$(id -u)" -ne 0 ] || ! command -v apt-get >/dev/null 2>&1; then
  echo "Please install: ${missing[*]} (Debian packages)" >&2
  exit 1
fi
echo "Installing ${missing[*]} from Debian's packages..." >&2
apt-get update -qq
DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
