#!/usr/bin/env python3
"""Prints the Galera harness figures and fails (exit 1) on any 500, split lead, double verdict or lost acknowledgement."""
import json, sys

rows = [json.loads(line) for line in open(sys.argv[1]) if line.strip()]
failures = []
work = [r for r in rows if r["test"] == "work"]
for r in rows:
    fives = r.get("500", 0)
    if fives:
        failures.append(f"{r['test']}: {fives} x 500")
    if r.get("split"):
        failures.append(f"duplicates: {r['split']} emails got two leads")
    if r.get("doubleVerdicts"):
        failures.append(f"work: {r['doubleVerdicts']} leads judged twice")
    if r.get("missing"):
        failures.append(f"kill: {r['missing']} acknowledged leads missing")
    if r["test"] == "kill" and r.get("recovered") is None:
        failures.append("kill: the dead node's replica did not recover")
print("| test | figure |")
print("|---|---|")
for r in rows:
    if r["test"] == "duplicates":
        print(f"| duplicates, 3 nodes | {r['posts']} posts: {r['500']} x 500, {r['503']} x 503, {r['split']} split |")
    elif r["test"] == "work":
        where = "3 replicas on 3 nodes" if r is work[0] else "3 replicas on 1 node"
        print(f"| work, {where} | {r['verdicts']} verdicts, {r['rate']}/s; claims {r['claim']}; verdicts {r['verdict']}; feed {r['feed']} |")
    elif r["test"] == "kill":
        print(f"| node SIGKILL, 3 nodes | {r['500']} x 500; {r['acknowledged']} acknowledged, {r['missing']} missing; statuses {r['statuses']}; "
              f"longest live answer {r['longestStall']} s; longest key wait {r['longestKeyWait']} s; "
              f"rejoin {r['rejoined']} s; replica back {r['recovered']} s after restart |")
if len(work) == 2:
    print(f"throughput 3 nodes / 1 node: {work[0]['rate']} / {work[1]['rate']} verdicts/s")
if failures:
    print("FAILED: " + "; ".join(failures))
    sys.exit(1)
print("targets met: no 500, no split lead, no double verdict, nothing acknowledged lost")
