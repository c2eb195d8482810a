#!/usr/bin/env python3
"""What a user would script instead of `stats list-values --dir ROOT`: json.load every sidecar
under ROOT (one run level, one subdirectory level) and build the eight sets of distinct values."""
import json
import os
import sys

root = sys.argv[1]
sets = {k: set() for k in ("kernel", "commit", "kernel_commit", "source", "scheduler", "topology", "work_type", "flags")}
n = 0
for run in sorted(os.listdir(root)):
    rdir = os.path.join(root, run)
    if not os.path.isdir(rdir):
        continue
    for dirpath, dirnames, files in os.walk(rdir):
        if dirpath.count(os.sep) - rdir.count(os.sep) >= 1:
            dirnames[:] = []
        for f in files:
            if f.endswith(".ktstr.json"):
                with open(os.path.join(dirpath, f), "rb") as fh:
                    s = json.load(fh)
                n += 1
                sets["kernel"].add(s.get("kernel_version"))
                sets["commit"].add(s.get("project_commit"))
                sets["kernel_commit"].add(s.get("kernel_commit"))
                sets["source"].add("archive")
                sets["scheduler"].add(s["scheduler"])
                sets["topology"].add(s["topology"])
                sets["work_type"].add(s["work_type"])
                sets["flags"].update(s["active_flags"])
for k, v in sets.items():
    print(k + ":")
    for x in sorted(v, key=lambda x: (x is not None, x or "")):
        print("  " + (x if x is not None else "unknown"))
print("files", n, file=sys.stderr)
