#!/usr/bin/env bash
# Installs what the tests need from outside the repository, only when missing (idempotent, quiet when
# everything is present). Browser tests drive Debian's Chromium; Playwright never downloads its own.
set -euo pipefail

# Debian's awscli: the real AWS CLI the AWS API tests drive (/usr/bin/aws, not any other aws on PATH).
missing=()
[ -x /usr/bin/chromium ] || missing+=(chromium fonts-liberation)
[ -x /usr/bin/aws ] || missing+=(awscli)
if [ ${#missing[@]} -gt 0 ]; then
  echo "installing ${missing[*]} (browser and AWS CLI tests)..."
  sudo=""
  if [ "$(id -u)" -ne 0 ]; then sudo="sudo"; fi
  export DEBIAN_FRONTEND=noninteractive
  $sudo apt-get update -qq >/dev/null
  $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi
