#!/usr/bin/env python3
"""json_verdicts.py FILE...: prints `<file>\t<ok|badutf8|badjson>` per file: `badutf8` when the
bytes are not strict UTF-8, `badjson` when the text is not one strict JSON document (strict UTF-8, no NaN/Infinity). Duplicate keys are not
judged here: serde rejects a repeated struct field but lets a map keep its last value. An independent,
one-way oracle: a file bad here must be a parse error for any sidecar reader."""
import json
import sys

sys.setrecursionlimit(100000)


def no_constants(name):
    raise ValueError("non-finite " + name)


for path in sys.argv[1:]:
    try:
        with open(path, "rb") as f:
            text = f.read().decode("utf-8", errors="strict")
    except UnicodeDecodeError:
        print(path + "\tbadutf8")
        continue
    try:
        json.loads(text, parse_constant=no_constants)
        verdict = "ok"
    except (ValueError, RecursionError, MemoryError):
        verdict = "badjson"
    print(path + "\t" + verdict)
