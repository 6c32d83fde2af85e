#!/usr/bin/env python3
"""Queries Prometheus's HTTP API for the chain integration test.

  prom_query.py URL 'PROMQL'          prints one line per series: labels-json value
  prom_query.py URL --alerts          prints the firing alerts, one 'alertname store' a line, sorted
  prom_query.py URL --dashboard FILE  runs every query of a Grafana dashboard; fails on any error
"""
import json
import sys
import urllib.parse
import urllib.request


def query(base, q):
    url = base + "/api/v1/query?" + urllib.parse.urlencode({"query": q})
    with urllib.request.urlopen(url, timeout=5) as r:
        doc = json.load(r)
    if doc.get("status") != "success":
        raise SystemExit("query failed: " + json.dumps(doc))
    return doc["data"]["result"]


def main():
    base, what = sys.argv[1], sys.argv[2]
    if what == "--dashboard":
        panels = json.load(open(sys.argv[3]))["panels"]
        exprs = [t["expr"] for p in panels for t in p.get("targets", [])]
        for e in exprs:
            query(base, e)
        print(f"{len(exprs)} dashboard queries ok")
        return
    if what == "--alerts":
        rows = sorted(f'{s["metric"]["alertname"]} {s["metric"].get("store", "-")}'
                      for s in query(base, 'ALERTS{alertstate="firing"}'))
        print("\n".join(rows))
        return
    for s in query(base, what):
        labels = {k: v for k, v in s["metric"].items() if k not in ("instance", "job")}
        print(json.dumps(labels, sort_keys=True), s["value"][1])


if __name__ == "__main__":
    main()
