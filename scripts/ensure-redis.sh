#!/usr/bin/env bash
# Makes sure a Redis server answers on 127.0.0.1:6379 (these machines run one; start it if it
# stopped): the alerts' RQ backend is tested against it (tests/alerts/test_rq.py uses database 15).
set -euo pipefail
answers() { (exec 3<>/dev/tcp/127.0.0.1/6379 && printf 'PING\r\n' >&3 && head -c5 <&3 | grep -q PONG) 2>/dev/null; }
if ! answers; then
  if command -v redis-server >/dev/null 2>&1; then
    mkdir -p /var/lib/redis /var/log/redis
    redis-server --daemonize yes --bind 127.0.0.1 --port 6379 --save "" --appendonly no \
      --dir /var/lib/redis --logfile /var/log/redis/ci.log >&2 || true
  fi
  for _ in $(seq 1 30); do answers && break; sleep 1; done
fi
if ! answers; then
  echo "Redis is not running on 127.0.0.1:6379 and could not be started" >&2
  exit 1
fi
