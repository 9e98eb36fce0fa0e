#!/usr/bin/env bash
# Installs what the tests need from outside the repository, only when missing (idempotent, quiet when
# everything is present). Browser tests drive Debian's Chromium; Playwright never downloads its own.
set -euo pipefail

if [ ! -x /usr/bin/chromium ]; then
  echo "installing chromium (browser tests)..."
  sudo=""
  if [ "$(id -u)" -ne 0 ]; then sudo="sudo"; fi
  export DEBIAN_FRONTEND=noninteractive
  $sudo apt-get update -qq >/dev/null
  $sudo apt-get install -y -qq --no-install-recommends chromium fonts-liberation >/dev/null
fi
