#!/usr/bin/env bash
# Installs the Debian packages the tests run real servers and clients from, when they are
# missing: PostgreSQL (store test), git (git http-backend), subversion (svnserve, svn),
# openssh-server (sshd serving git over ssh), apache2 with libapache2-mod-svn (svn over
# https with a self-signed certificate), docker-registry with skopeo and apache2-utils'
# htpasswd (a real OCI registry, filled from OCI layouts, with basic authentication),
# the toolchains the build strategies' tests build with: python3 with pip, Maven,
# Node.js with npm; bsdutils' logger, which the log-collector default plugin sends with; and
# dnsmasq (a DNS server on loopback for the dns registration method).
# Needs root and apt-get; otherwise it only says what is missing.
set -euo pipefail
missing=()
ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 || missing+=(postgresql)
command -v git >/dev/null 2>&1 || missing+=(git)
command -v svnserve >/dev/null 2>&1 || missing+=(subversion)
[ -x /usr/sbin/sshd ] || missing+=(openssh-server)
[ -e /usr/lib/apache2/modules/mod_dav_svn.so ] || missing+=(apache2 libapache2-mod-svn)
command -v docker-registry >/dev/null 2>&1 || missing+=(docker-registry)
command -v skopeo >/dev/null 2>&1 || missing+=(skopeo)
command -v htpasswd >/dev/null 2>&1 || missing+=(apache2-utils)
python3 -m pip --version >/dev/null 2>&1 || missing+=(python3-pip)
command -v mvn >/dev/null 2>&1 || missing+=(maven)
command -v npm >/dev/null 2>&1 || missing+=(nodejs npm)
command -v logger >/dev/null 2>&1 || missing+=(bsdutils)
[ -x /usr/sbin/dnsmasq ] || missing+=(dnsmasq-base)
[ ${#missing[@]} -eq 0 ] && exit 0
if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
  echo "Installing test dependencies: ${missing[*]}" >&2
  apt-get update -qq >&2
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >&2
else
  echo "The tests need these packages: ${missing[*]} (apt-get install them)" >&2
  exit 1
fi
