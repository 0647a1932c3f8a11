#!/usr/bin/env bash
# make load: gunicorn (2 sync workers) on PostgreSQL with the demo data, and a bounded wrk run
# against 127.0.0.1 only, logged in: the page mix of bench/paginas.py LOAD_MIX, then the trivial
# view under the same load. Results in bench/load.json. Then the fault test: steady load on the
# mix while PostgreSQL restarts (bench/storing.json; after the restart: zero errors). The restart
# stops every database of this PostgreSQL for a second: LOAD_STORING=0 skips it.
# Stops by itself; leaves no process behind.
set -euo pipefail
cd "$(dirname "$0")/.."

PY=.venv/bin/python
POORT="${LOAD_POORT:-8765}"
DUUR="${LOAD_DUUR:-30s}"
WRK_ARGS="${LOAD_WRK:--t1 -c4}"
export LOAD_WORKERS="${LOAD_WORKERS:-2}"
export LOAD_WRK="$WRK_ARGS -d$DUUR"
export BENCH_DATABASE_URL="${LOAD_DATABASE_URL:-postgres://postgres@127.0.0.1:5432/opnieuwthuis_load}"
export DJANGO_SETTINGS_MODULE=bench.settings
export LOAD_PG_HERSTART="${LOAD_PG_HERSTART:-pg_ctlcluster --skip-systemctl-redirect $(ls /etc/postgresql | head -n1) main restart}"
STORING="${LOAD_STORING:-1}"
BASIS="http://127.0.0.1:$POORT"
TMP="$(mktemp -d)"

# A fresh machine lacks wrk (Debian package) and may have PostgreSQL stopped.
if ! command -v wrk >/dev/null 2>&1; then
  echo "== wrk installeren (apt-get)"
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq wrk >/dev/null 2>&1 || {
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq wrk >/dev/null
  }
fi
if ! pg_isready -h 127.0.0.1 -p 5432 -q 2>/dev/null; then
  echo "== PostgreSQL starten"
  pg_ctlcluster --skip-systemctl-redirect "$(ls /etc/postgresql | head -n1)" main start
  for _ in $(seq 1 30); do pg_isready -h 127.0.0.1 -p 5432 -q && break; sleep 1; done
fi
if (exec 3<>"/dev/tcp/127.0.0.1/$POORT") 2>/dev/null; then
  echo "Poort $POORT is bezet; kies een andere met LOAD_POORT=…" >&2
  exit 2
fi

echo "== database"
$PY -m bench.load voorbereiden

GUNICORN_PID=""
opruimen() {
  if [ -n "$GUNICORN_PID" ] && kill -0 "$GUNICORN_PID" 2>/dev/null; then
    kill -TERM "$GUNICORN_PID" 2>/dev/null || true
    for _ in $(seq 1 50); do kill -0 "$GUNICORN_PID" 2>/dev/null || break; sleep 0.2; done
    kill -KILL "$GUNICORN_PID" 2>/dev/null || true
    wait "$GUNICORN_PID" 2>/dev/null || true
  fi
  rm -rf "$TMP"
}
trap opruimen EXIT
trap 'exit 130' INT TERM

echo "== gunicorn, $LOAD_WORKERS workers, $BASIS"
.venv/bin/gunicorn opnieuwthuis.wsgi:application \
  --workers "$LOAD_WORKERS" --bind "127.0.0.1:$POORT" \
  --error-logfile "$TMP/gunicorn.log" --log-level warning &
GUNICORN_PID=$!
for _ in $(seq 1 60); do
  if $PY - "$BASIS/gezond/" <<'EOF' 2>/dev/null; then break; fi
import sys, urllib.request
sys.exit(0 if urllib.request.urlopen(sys.argv[1], timeout=2).status == 200 else 1)
EOF
  kill -0 "$GUNICORN_PID" 2>/dev/null || { cat "$TMP/gunicorn.log" >&2; exit 2; }
  sleep 0.5
done

COOKIE="$($PY -m bench.load inloggen "$BASIS")"
read -r -a PADEN <<<"$($PY -m bench.load paden "$BASIS" "$COOKIE")"
echo "== wrk $LOAD_WRK: mix ${PADEN[*]}"
# shellcheck disable=SC2086
wrk $WRK_ARGS -d"$DUUR" --timeout 10s -s bench/wrk_mix.lua "$BASIS" -- "$COOKIE" "${PADEN[@]}" \
  | tee "$TMP/mix.txt"
echo "== wrk $LOAD_WRK: triviaal /ping/"
# shellcheck disable=SC2086
wrk $WRK_ARGS -d"$DUUR" --timeout 10s -s bench/wrk_mix.lua "$BASIS" -- "$COOKIE" /ping/ \
  | tee "$TMP/ping.txt"

status=0
$PY -m bench.load rapport "$TMP/mix.txt" "$TMP/ping.txt" bench/load.json "${PADEN[@]}" || status=$?
if [ "$STORING" != "0" ]; then
  echo "== storingstest: belasting op de mix terwijl PostgreSQL herstart ($LOAD_PG_HERSTART)"
  $PY -m bench.load storing "$BASIS" "$COOKIE" bench/storing.json "${PADEN[@]}" || status=$?
fi
if [ -s "$TMP/gunicorn.log" ]; then
  echo "== gunicorn meldde:"
  tail -n 20 "$TMP/gunicorn.log"
fi
exit "$status"
