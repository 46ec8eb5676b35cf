#!/usr/bin/env python3
"""state_reconcile.py DONDOC DB SEED - records at random on the imported
samples, then for every unit and quarter of 2024: the states `list --json`
gives must add up to the counts of `report --format csv`, before and after
the 2025 merges (a department into another, a province into another).
Prints TAP lines (no plan); exit status 0."""
import json
import random
import subprocess
import sys

dondoc, db, seed = sys.argv[1], sys.argv[2], int(sys.argv[3])
rng = random.Random(seed)
n = 0


def dd(*args, check=True):
    r = subprocess.run([dondoc, "--db", db] + list(args), capture_output=True, text=True)
    if check and r.returncode != 0:
        print("Bail out! dondoc %s: %s" % (" ".join(args), r.stderr.strip()))
        sys.exit(1)
    return r.stdout


def ok(cond, name, detail=""):
    global n
    n += 1
    print("%s %d - %s" % ("ok" if cond else "not ok", n, name))
    if not cond and detail:
        for line in detail.splitlines():
            print("#   " + line)


def tasks(*args):
    return [json.loads(line) for line in dd("list", "--json", *args).splitlines() if line]


# Records in Q1 and Q2 of 2024 on tasks of those periods, by units they are
# assigned to: every status, some done late, some after the unit submitted.
units = [u["code"] for u in map(json.loads, dd("unit", "list", "--json").splitlines())]
for period in ("2024Q1", "2024Q2"):
    pool = []
    for t in tasks("--period", period):
        for a in t["lead"] + t["coord"]:
            if a["unit"]:
                pool.append((t, a["unit"]))
    for t, unit in rng.sample(pool, min(40, len(pool))):
        status = rng.choice(["todo", "doing", "doing", "done", "done", "blocked"])
        args = ["set", str(t["id"]), "--unit", unit, "--period", period, "--status", status]
        if status == "doing":
            args += ["--progress", str(rng.randrange(10, 100, 10))]
        if status == "done":
            args += ["--completed", rng.choice(["2024-01-20", "2024-03-31", "2024-05-10"])]
        dd(*args)
    for unit in rng.sample(units, 3):
        dd("report", "submit", "--period", period, "--unit", unit, check=False)

KEYS = ["total", "done_on_time", "done_late", "in_progress", "not_started", "blocked",
        "overdue", "no_date"]


def from_list(unit, period):
    c = dict.fromkeys(KEYS, 0)
    for t in tasks("--unit", unit, "--period", period):
        c["total"] += 1
        s = t["state"]
        if s in ("done-on-time", "done"):
            c["done_on_time"] += 1
        elif s == "done-late":
            c["done_late"] += 1
        elif s == "not-started" and not t["due"] and t["schedule"]["kind"] in ("event",
                                                                             "relative"):
            c["no_date"] += 1
        else:
            c[s.replace("-", "_")] += 1
    return c


def from_report(unit, period):
    for line in dd("report", "--format", "csv", "--unit", unit, "--period", period).splitlines():
        cells = line.strip().split(",")
        if cells[0] == "all":
            return dict(zip(KEYS, map(int, cells[1:9])))
    return None


# The SQL form of the state (what the screen's status line and section
# counts add up, and what list --status filters on) against core/state.c.
FILTER = {"todo": ("not-started",), "doing": ("in-progress",), "blocked": ("blocked",),
          "overdue": ("overdue",), "done": ("done-on-time", "done-late", "done")}


def filters_agree(unit, period):
    states = {t["id"]: t["state"] for t in tasks("--unit", unit, "--period", period)}
    bad = []
    for status, names in FILTER.items():
        got = sorted(t["id"] for t in tasks("--unit", unit, "--period", period, "--status", status))
        want = sorted(i for i, st in states.items() if st in names)
        if got != want:
            bad.append("%s %s --status %s: %s, the states say %s" % (unit, period, status, got,
                                                                     want))
    return bad


def reconcile(when):
    bad = []
    for unit in units:
        for q in range(1, 5):
            period = "2024Q%d" % q
            a, b = from_list(unit, period), from_report(unit, period)
            if a != b:
                bad.append("%s %s: list %s, report %s" % (unit, period, a, b))
    ok(not bad, "%s: list --json and report --format csv agree for %d units in 4 quarters"
       % (when, len(units)), "\n".join(bad[:5]))
    bad = []
    for unit in units:
        bad += filters_agree(unit, "2024Q2")
    ok(not bad, "%s: list --status (the status line's counts) picks the tasks in that state, "
       "for %d units" % (when, len(units)), "\n".join(bad[:5]))


reconcile("seed %d" % seed)
# The 2025 reorganisation: a department merged into another, then a whole
# province into another. What the merged units did counts for their
# successors, in both.
dd("unit", "merge", "NT-SNV", "--into", "KH-SNV")
dd("unit", "merge", "NT", "--into", "KH")
reconcile("seed %d, after the merges" % seed)
