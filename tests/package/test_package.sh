#!/usr/bin/env bash
# The package test: build the Debian package (scripts/package, which also
# runs lintian), check its contents, conffiles and maintainer scripts; then,
# as root, install it with dpkg -i, check the files, the user and the unit,
# run `slated --check-config` as the service would, remove it and purge it.
# systemd need not be running.
#   tests/package/test_package.sh              build the package, then test it
#   tests/package/test_package.sh FILE.deb     test a package already built
# Exits 0 when every check passes; prints each failed check.
set -euo pipefail
cd "$(dirname "$0")/../.."

failures=0
check() { # check DESCRIPTION COMMAND...: run COMMAND, count a failure
  local what="$1"
  shift
  if "$@" >/dev/null 2>&1; then
    echo "ok:   $what"
  else
    echo "FAIL: $what"
    failures=$((failures + 1))
  fi
}
contains() { grep -qE -- "$2" "$1"; }
lacks() { ! grep -qE -- "$2" "$1"; }

if [ $# -ge 1 ]; then
  deb="$1"
else
  scripts/package
  deb=$(ls build/package/slated_*.deb)
fi

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

# --- the package as a file ------------------------------------------------
dpkg-deb -c "$deb" | awk '{print $1, $2, $NF}' | sed 's| \./| /|' >"$work/contents"
for path in /usr/bin/slated /usr/bin/slatectl \
  /etc/slated/slated.conf /etc/slated/policies/uniphore.toml \
  /etc/slated/templates/announced.mustache /etc/slated/calendars/us.ics \
  /etc/slated/calendars/holidays/us-federal.ics /lib/systemd/system/slated.service \
  /lib/systemd/system/slated@.service \
  /usr/share/man/man8/slated.8.gz /usr/share/man/man5/slated.conf.5.gz \
  /usr/share/man/man1/slatectl.1.gz /usr/share/bash-completion/completions/slatectl; do
  check "package holds $path" contains "$work/contents" " $path\$"
done
check "package holds no tokens file (postinst makes it)" lacks "$work/contents" " /etc/slated/tokens\$"
check "package holds nothing under /usr/local" lacks "$work/contents" " /usr/local/"
check "files are owned by root" lacks "$work/contents" "^[^ ]+ [^r]"

dpkg-deb -e "$deb" "$work/control"
for conffile in /etc/slated/slated.conf /etc/slated/policies/uniphore.toml \
  /etc/slated/templates/announced.mustache /etc/slated/calendars/us.ics \
  /etc/slated/calendars/holidays/us-federal.ics; do
  check "conffile $conffile" contains "$work/control/conffiles" "^$conffile\$"
done
check "depends on adduser and tzdata" sh -c "dpkg-deb -f '$deb' Depends | grep -q adduser && dpkg-deb -f '$deb' Depends | grep -q tzdata"
check "postinst makes the system user _slated" sh -c \
  "tr -d '\\\\\n' <'$work/control/postinst' | grep -q 'adduser --system --group.* _slated'"
check "postinst makes the tokens file 0600" contains "$work/control/postinst" "install -o _slated -g _slated -m 0600 /dev/null"
check "postinst enables the unit" contains "$work/control/postinst" "deb-systemd-helper enable 'slated.service'"
check "postinst starts the unit on install" sh -c \
  "grep -q '_dh_action=start' '$work/control/postinst' && grep -q \"deb-systemd-invoke \\\$_dh_action 'slated.service'\" '$work/control/postinst'"
check "prerm stops the unit on removal" contains "$work/control/prerm" "deb-systemd-invoke stop 'slated.service'"
check "postrm does not disable or purge on remove" lacks "$work/control/postrm" "rm -rf /etc/slated\b"
check "postrm keeps the database" lacks "$work/control/postrm" "rm .*/var/lib/slated"

dpkg-deb -x "$deb" "$work/root"
unit="$work/root/lib/systemd/system/slated.service"
check "unit runs /usr/bin/slated with /etc/slated/slated.conf" contains "$unit" "^ExecStart=/usr/bin/slated --config /etc/slated/slated.conf\$"
check "unit runs as _slated" contains "$unit" "^User=_slated\$"
check "unit has StateDirectory=slated" contains "$unit" "^StateDirectory=slated\$"
check "unit is hardened" contains "$unit" "^ProtectSystem=strict\$"
check "unit is Type=notify with a watchdog" contains "$unit" "^WatchdogSec="
template="$work/root/lib/systemd/system/slated@.service"
check "template unit runs instance NAME with /etc/slated/NAME.conf" contains "$template" "^ExecStart=/usr/bin/slated --config /etc/slated/%i.conf\$"
check "template unit has StateDirectory=slated/NAME" contains "$template" "^StateDirectory=slated/%i\$"
check "template unit runs as _slated" contains "$template" "^User=_slated\$"
conf="$work/root/etc/slated/slated.conf"
check "slated.conf reads /etc/slated/calendars" contains "$conf" "^calendars = /etc/slated/calendars\$"
check "slated.conf reads /etc/slated/policies" contains "$conf" "^policy = /etc/slated/policies/uniphore.toml\$"
check "slated.conf reads /etc/slated/templates" contains "$conf" "^templates = /etc/slated/templates\$"
check "slated.conf reads /etc/slated/tokens" contains "$conf" "^tokens = /etc/slated/tokens\$"
check "slated.conf keeps the database in /var/lib/slated" contains "$conf" "^db = /var/lib/slated/slated.db\$"
check "access log is off" contains "$conf" "^#access-log = off\$"

# --- installed, as root ----------------------------------------------------
if [ "$(id -u)" -ne 0 ]; then
  echo "skip: not root, so the package is not installed"
elif dpkg-query -W -f='${Status}' slated 2>/dev/null | grep -q "install ok installed"; then
  echo "FAIL: slated is already installed here; remove it first (dpkg -P slated)"
  failures=$((failures + 1))
else
  if ! getent passwd _slated >/dev/null && [ ! -e /var/lib/slated ]; then
    made_user=yes
  fi
  DEBIAN_FRONTEND=noninteractive dpkg -i "$deb" >"$work/install.log" 2>&1 || {
    cat "$work/install.log"
    failures=$((failures + 1))
  }
  check "dpkg -i installed slated" sh -c "dpkg-query -W -f='\${Status}' slated | grep -q 'install ok installed'"
  check "postinst said how to add a token" contains "$work/install.log" "slatectl token new NAME.*/etc/slated/tokens.*systemctl reload slated"
  check "user _slated exists" getent passwd _slated
  check "_slated is a system user without a login shell" sh -c \
    "test \$(id -u _slated) -lt 1000 && getent passwd _slated | grep -qE ':(/usr/sbin/nologin|/bin/false)\$'"
  check "tokens file is empty, 0600, owned by _slated" sh -c \
    "test ! -s /etc/slated/tokens && test \"\$(stat -c '%a %U' /etc/slated/tokens)\" = '600 _slated'"
  check "/var/lib/slated belongs to _slated" sh -c "test \"\$(stat -c '%U %a' /var/lib/slated)\" = '_slated 700'"
  check "unit is enabled" sh -c "test -L /etc/systemd/system/multi-user.target.wants/slated.service"
  if command -v systemd-analyze >/dev/null 2>&1; then
    check "systemd-analyze verify accepts the unit" systemd-analyze verify /lib/systemd/system/slated.service
    # A template is verified as one of its instances.
    cp /lib/systemd/system/slated@.service "$work/slated@check.service"
    check "systemd-analyze verify accepts an instance of the template unit" \
      systemd-analyze verify "$work/slated@check.service"
  fi
  check "slated --version names the tz database" sh -c "/usr/bin/slated --version | grep -q '^tz database [0-9]'"
  # As the service would: its user, its working directory, its command line.
  check "slated --check-config as the service would" sh -c \
    "cd /var/lib/slated && runuser -u _slated -- /usr/bin/slated --config /etc/slated/slated.conf --check-config"
  check "slatectl --help from the package" /usr/bin/slatectl --help
  check "man finds slatectl(1)" sh -c "man -w slatectl | grep -q /usr/share/man/man1/slatectl.1.gz"
  # Serve as the service would, on a free port, for one slatectl request.
  (cd /var/lib/slated && exec timeout 60 runuser -u _slated -- /usr/bin/slated \
    --config /etc/slated/slated.conf --listen 127.0.0.1:0 2>"$work/serve.log") &
  server=$!
  port=""
  for _ in $(seq 1 300); do
    port=$(sed -n 's/.*slated: listening on 127\.0\.0\.1:\([0-9]*\)$/\1/p' "$work/serve.log")
    [ -n "$port" ] && break
    kill -0 "$server" 2>/dev/null || break
    sleep 0.1
  done
  check "slated serves as _slated with the installed configuration" test -n "$port"
  check "slated says how to add a token to the empty tokens file" \
    contains "$work/serve.log" "/etc/slated/tokens: it lists no token.*slatectl token new NAME"
  check "slatectl --url URL maintenance list works" sh -c \
    "/usr/bin/slatectl --url http://127.0.0.1:$port maintenance list | grep -q 'no maintenances'"
  check "the database is in /var/lib/slated" test -f /var/lib/slated/slated.db
  kill -TERM "$server" 2>/dev/null || true
  wait "$server" 2>/dev/null || true
  check "bash completion is installed for slatectl" bash -c \
    ". /usr/share/bash-completion/completions/slatectl && complete -p slatectl"
  DEBIAN_FRONTEND=noninteractive dpkg -r slated >"$work/remove.log" 2>&1 || cat "$work/remove.log"
  check "dpkg -r removed the programs" test ! -e /usr/bin/slated
  check "dpkg -r kept the configuration" test -e /etc/slated/slated.conf
  check "dpkg -r kept the tokens" test -e /etc/slated/tokens
  check "dpkg -r kept the database directory" test -d /var/lib/slated
  DEBIAN_FRONTEND=noninteractive dpkg -P slated >"$work/purge.log" 2>&1 || cat "$work/purge.log"
  check "dpkg -P removed the configuration" test ! -e /etc/slated/slated.conf
  check "dpkg -P removed the tokens" test ! -e /etc/slated/tokens
fi

# Leave the machine as it was found: the package keeps its user and its
# database on purge, on purpose; the test made them, so it removes them.
if [ -n "${made_user:-}" ]; then
  rm -rf /var/lib/slated
  deluser --quiet --system _slated >/dev/null 2>&1 || true
fi

if [ "$failures" -ne 0 ]; then
  echo "package test: $failures checks failed"
  exit 1
fi
echo "package test: every check passed"
