#!/bin/sh
# Runs a command with a real, private Secret Service: its own D-Bus session and an unlocked
# gnome-keyring in a throwaway HOME, so tests exercise a real keychain and never touch the user's.
# Where those programs are missing (macOS, Windows, Linux without them) the command runs as it is,
# against the system keychain; keychain tests use their own entry names and remove what they add.
set -eu
if [ "$(uname -s)" != "Linux" ] || ! command -v dbus-run-session >/dev/null 2>&1 || ! command -v gnome-keyring-daemon >/dev/null 2>&1; then
  exec "$@"
fi
root=$(mktemp -d "${TMPDIR:-/tmp}/proofsheet-keyring-XXXXXX")
trap 'rm -rf "$root"' EXIT INT TERM
mkdir -p "$root/run" "$root/data" "$root/config" "$root/cache"
chmod 700 "$root/run"
export HOME="$root" XDG_RUNTIME_DIR="$root/run" XDG_DATA_HOME="$root/data" XDG_CONFIG_HOME="$root/config"
export PROOFSHEET_PRIVATE_KEYRING=1
# The keyring is created on first unlock; an empty password would leave it uncreated.
dbus-run-session -- sh -c 'echo proofsheet-test | gnome-keyring-daemon --unlock --components=secrets >/dev/null && exec "$@"' sh "$@"
