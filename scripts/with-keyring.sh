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
# The daemon is started by D-Bus when the Secret Service is first asked for, through these service
# files (ours come before the system's), and unlocked with a known password: the keyring is created on
# first unlock (an empty password would leave it uncreated). gnome-keyring-daemon 42 sometimes aborts
# (a GLib trap); the system's service file would then start one with a locked keyring and a prompt
# nobody can answer, and every later test would find no keychain. Ours starts it unlocked again, on the
# same keyring file, so only a request in flight at that moment sees the crash.
mkdir -p "$root/data/dbus-1/services"
cat > "$root/keyring-daemon" <<'DAEMON'
#!/bin/sh
echo proofsheet-test | exec gnome-keyring-daemon --unlock --foreground --components=secrets
DAEMON
chmod 700 "$root/keyring-daemon"
for name in org.freedesktop.secrets org.gnome.keyring; do
  printf '[D-BUS Service]\nName=%s\nExec=%s\n' "$name" "$root/keyring-daemon" > "$root/data/dbus-1/services/$name.service"
done
dbus-run-session -- "$@"
