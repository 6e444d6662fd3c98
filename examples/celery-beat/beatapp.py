"""A small Celery application for sfc's celery-beat preset: two interval tasks (1 s and 5 s).

Broker: CELERY_BROKER_URL (default amqp://guest:guest@127.0.0.1:5672//), queue CELERY_QUEUE
(default beatapp). When BEAT_SENDS is set,
every task message beat has published appends "<epoch ms> <task name> <beat pid> <task id>" to
that file (celery's after_task_publish signal, run in the publishing process once the broker has
the message); when TASK_RUNS is set,
the worker appends "<epoch ms> <task name> <task id>" when it runs a task.
"""
import os
import time

from celery import Celery
from celery.signals import after_task_publish

BROKER = os.environ.get("CELERY_BROKER_URL", "amqp://guest:guest@127.0.0.1:5672//")
app = Celery("beatapp", broker=BROKER)
app.conf.update(
    task_default_queue=os.environ.get("CELERY_QUEUE", "beatapp"),
    broker_connection_retry_on_startup=True,
    # write beat's schedule file after every send, so that a restarted beat on the same node
    # knows when each task last ran (celery's default: every 3 minutes)
    beat_sync_every=1,
    beat_max_loop_interval=1,
    timezone="UTC",
    beat_schedule={
        "tick-1s": {"task": "beatapp.tick_1s", "schedule": 1.0},
        "tick-5s": {"task": "beatapp.tick_5s", "schedule": 5.0},
    },
)


def _append(path, line):
    with open(path, "a") as f:
        f.write(line + "\n")


@after_task_publish.connect
def record_send(sender=None, headers=None, **kwargs):
    path = os.environ.get("BEAT_SENDS")
    if path:
        _append(path, "%d %s %d %s" % (time.time() * 1000, sender, os.getpid(), headers.get("id")))


@app.task(name="beatapp.tick_1s", bind=True)
def tick_1s(self):
    _ran(self)


@app.task(name="beatapp.tick_5s", bind=True)
def tick_5s(self):
    _ran(self)


def _ran(task):
    path = os.environ.get("TASK_RUNS")
    if path:
        _append(path, "%d %s %s" % (time.time() * 1000, task.name, task.request.id))
