#!/usr/bin/env python3
"""state_reconcile.py DONDOC DB SEED - a random small world on the imported
samples: communes added under the districts and given tasks, records in
random quarters of 2024 with random statuses (some done late, some blocked,
some after the unit submitted), then for every unit and quarter:

- the states `list --json` gives add up to the counts of `report --format
  csv`, and `list --status` picks the tasks in each state;
- every unit's state of a task is the written rule (core/state.h) applied
  to the raw records of its scope, computed here on its own;
- a parent's state of a task is the roll-up of its own record and its
  children's states, by the same rule;

before and after a random 2025 reorganisation (departments merged, a
district abolished with its communes moved up, communes merged, a province
merged into another). Prints TAP lines (no plan); exit status 0."""
import json
import os
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


def unit_list():
    return [json.loads(line) for line in dd("unit", "list", "--json").splitlines()]


# Communes under the districts, each given some of its district's tasks.
for district in ("KH-CR", "KH-NH", "NT-PR"):
    held = [t["id"] for t in tasks("--unit", district, "--period", "2024Q2")]
    dd("unit", "use", district)       # the district delegates what it holds
    for i in range(rng.randrange(1, 4)):
        code = "%s-X%d" % (district, i + 1)
        dd("unit", "add", code, "Xã %d" % (i + 1), "--parent", district, "--kind", "commune")
        for tid in rng.sample(held, min(len(held), rng.randrange(2, 6))):
            dd("assign", str(tid), "--unit", code)

# Records in Q1 and Q2 of 2024 on tasks of those periods, by units they are
# assigned to: every status, some done late, some after the unit submitted.
units = [u["code"] for u in unit_list()]
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


# The written rule, on its own: the day a period is judged, and the state
# of a task from the latest record of each unit in scope.
TODAY = os.environ["DONDOC_TODAY"]
calendar = {p["number"]: p["calendar"] for p in
            map(json.loads, dd("plan", "list", "--json").splitlines())}


def as_of(period, cal):
    year, q = int(period[:4]), int(period[5])
    if cal == "reporting":
        end = "%04d-%02d-15" % (year, 3 * q)
    else:
        end = "%04d-%02d-01" % (year + 1, 1) if q == 4 else "%04d-%02d-01" % (year, 3 * q + 1)
    return min(TODAY, end)


def window(t, period):
    recurs = t["schedule"]["recurs"]
    if recurs == "quarterly":
        return period, period
    if recurs == "yearly" and t["due"]:
        return t["due"][:4] + "Q1", period
    return period[:4] + "Q1", period


def status_state(status, completed, due, day):
    if status == "done":
        if not due or not completed:
            return "done"
        return "done-on-time" if completed <= due else "done-late"
    if due and due < day:
        return "overdue"
    return {"blocked": "blocked", "doing": "in-progress"}.get(status, "not-started")


def rule(latest, due, day):
    """latest: (status, completed) of each unit that wrote."""
    if latest and all(s == "done" for s, _ in latest):
        done = [c for _, c in latest if c]
        return status_state("done", max(done) if done else None, due, day)
    statuses = {s for s, _ in latest}
    status = ("blocked" if "blocked" in statuses else
              "doing" if statuses & {"doing", "done"} else "todo")
    return status_state(status, None, due, day)


def compose(states, due, day):
    """A parent's state from its members' states (its own record's and those
    of its children that wrote): the same rule one level up."""
    if states and all(s.startswith("done") for s in states):
        return "done-late" if "done-late" in states else (
            "done-on-time" if "done-on-time" in states else "done")
    if due and due < day:
        return "overdue"
    return ("blocked" if "blocked" in states else
            "in-progress" if any(s == "in-progress" or s.startswith("done") for s in states)
            else "not-started")


def world():
    """Each unit's scope (itself, below it, merged into it) and children."""
    us = unit_list()
    below = {}
    for u in us:
        for up in (u["parent"], u["successor"]):
            if up:
                below.setdefault(up, []).append(u["code"])
    scope = {}

    def walk(code):
        if code not in scope:
            scope[code] = {code}
            for k in below.get(code, []):
                scope[code] |= walk(k)
        return scope[code]
    for u in us:
        walk(u["code"])
    return scope, below, [u["code"] for u in us if not u["parent"] and not u["successor"]]


def records_by_task(roots):
    """Every record of 2024, whoever wrote it: {task: {(unit, period): rec}}."""
    recs = {}
    for root in roots:
        for q in range(1, 5):
            for t in tasks("--unit", root, "--period", "2024Q%d" % q):
                for r in t["records"]:
                    recs.setdefault(t["id"], {})[(r["unit"], r["period"])] = r
    return recs


def latest(recs, tid, units_in, first, last):
    best = {}
    for (unit, period), r in recs.get(tid, {}).items():
        if unit in units_in and first <= period <= last:
            if unit not in best or period > best[unit][0]:
                best[unit] = (period, r["status"], r["completed"])
    return best


def rule_holds(when, period):
    scope, below, roots = world()
    recs = records_by_task(roots)
    bad_rule, bad_rollup, checked = [], [], 0
    states = {u: {t["id"]: t for t in tasks("--unit", u, "--period", period)} for u in scope}
    for unit, listed in states.items():
        for tid, t in listed.items():
            first, last = window(t, period)
            day = as_of(period, calendar[t["plan"]])
            mine = latest(recs, tid, scope[unit], first, last)
            want = rule([(s, c) for _, s, c in mine.values()], t["due"], day)
            if t["state"] != want:
                bad_rule.append("%s %s task %d: %s, the rule says %s from %s"
                                % (unit, period, tid, t["state"], want, sorted(mine.items())))
            members = []
            own = latest(recs, tid, {unit}, first, last).get(unit)
            if own:
                members.append(status_state(own[1], own[2], t["due"], day))
            for child in below.get(unit, []):
                if not latest(recs, tid, scope[child], first, last):
                    continue      # wrote nothing: does not hold the roll-up back
                if tid in states[child]:
                    members.append(states[child][tid]["state"])
                else:             # not in its quarter (done there earlier)
                    kid = latest(recs, tid, scope[child], first, last)
                    members.append(rule([(s, c) for _, s, c in kid.values()], t["due"], day))
            if below.get(unit) and members:
                checked += 1
                want = compose(members, t["due"], day)
                if t["state"] != want:
                    bad_rollup.append("%s %s task %d: %s, its members %s roll up to %s"
                                      % (unit, period, tid, t["state"], members, want))
    ok(not bad_rule, "%s, %s: every unit's state of every task is the rule applied to its "
       "scope's records" % (when, period), "\n".join(bad_rule[:5]))
    ok(not bad_rollup and checked > 0, "%s, %s: a parent's state is the roll-up of its own "
       "record and its children's states (%d tasks)" % (when, period, checked),
       "\n".join(bad_rollup[:5]))


def reconcile(when):
    units = [u["code"] for u in unit_list()]
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
    for period in ("2024Q1", "2024Q2"):
        rule_holds(when, period)


reconcile("seed %d" % seed)
# The 2025 reorganisation, in a random order and extent: departments
# merged, a district abolished (its communes moved up to the province, then
# the district merged into it), communes merged, a province merged into
# another. What the merged units did counts for their successors.
steps = [
    [("unit", "merge", "NT-SNV", "--into", "KH-SNV")],
    [("unit", "merge", "KH-SKHDT", "--into", "KH-STC")],
    [("unit", "move", u["code"], "--parent", "KH") for u in unit_list()
     if u["parent"] == "KH-CR"] + [("unit", "merge", "KH-CR", "--into", "KH")],
    [("unit", "merge", "KH-NH-X1", "--into", "KH-NH")],
]
rng.shuffle(steps)
for step in steps[:rng.randrange(2, len(steps) + 1)]:
    for args in step:
        dd(*args)
dd("unit", "merge", "NT", "--into", "KH")
reconcile("seed %d, after the merges" % seed)
