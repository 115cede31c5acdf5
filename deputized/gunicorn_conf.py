"""gunicorn's settings for Deputized: `gunicorn -c deputized/gunicorn_conf.py` (docs/operations.md).

Threaded workers (gthread): a sync worker is killed when one request outlasts `timeout`, and
sending `/downloads/rows.json` (145 MB) to a slow client takes longer than that, so the download
was cut at whatever had been sent. A gthread worker tells the master it is alive from its own
loop while its threads send, so a long download runs to the end, and a slow client holds one
thread, not the whole worker. The command line overrides any of these (`--workers 4`).
"""

wsgi_app = "deputized.wsgi:application"
worker_class = "gthread"
workers = 2
threads = 8
timeout = 30  # a worker whose loop is stuck this long is restarted
graceful_timeout = 30
keepalive = 5
