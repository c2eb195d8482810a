#!/usr/bin/env python3
"""Writes the malformed-input corpus: make_corpus.py FIXTURES_DIR OUT_DIR.

Each file is named <verdict>--<case>.ktstr.json, verdict `valid` (a reader must accept it) or
`parse` (a reader must reject it as a parse error) or `io` (not UTF-8: upstream's read_to_string
fails before any JSON, so the walk counts an IO error). The verdicts follow upstream's serde reader
(spec/schema.md §3, §12): required keys, types, integer ranges, strict UTF-8, no NaN, no
duplicate keys, no trailing data; unknown keys ignored, absent optional keys allowed.
"""
import json
import os
import sys

fixtures, out = sys.argv[1], sys.argv[2]
os.makedirs(out, exist_ok=True)
REQUIRED = ["test_name", "topology", "scheduler", "metrics", "passed", "skipped", "stats",
            "stimulus_events", "work_type", "active_flags", "verifier_stats", "sysctls", "kargs",
            "timestamp", "run_id"]
OPTIONAL = ["scheduler_commit", "project_commit", "payload", "monitor", "kvm_stats",
            "kernel_version", "kernel_commit", "host", "cleanup_duration_ms", "run_source"]
n = 0


def put(verdict, case, data):
    global n
    if isinstance(data, str):
        data = data.encode("utf-8")
    with open(os.path.join(out, "%s--%s.ktstr.json" % (verdict, case)), "wb") as f:
        f.write(data)
    n += 1


def dump(doc):
    return json.dumps(doc, indent=2, ensure_ascii=False)


full_bytes = open(os.path.join(fixtures, "example-full.ktstr.json"), "rb").read()
full = json.loads(full_bytes)
for name in sorted(os.listdir(fixtures)):
    if name.endswith(".ktstr.json"):
        put("valid", "fixture-" + name[:-len(".ktstr.json")], open(os.path.join(fixtures, name), "rb").read())

# Every strict prefix of an object is invalid JSON: truncations at the start, end and every 97 bytes.
for cut in sorted(set([0, 1, 2, len(full_bytes) - 1, len(full_bytes) - 2] + list(range(97, len(full_bytes), 97)))):
    put("parse", "truncated-%05d" % cut, full_bytes[:cut])

for key in REQUIRED:
    d = dict(full); del d[key]
    put("parse", "missing-" + key, dump(d))
    d = dict(full); d[key] = None
    put("parse", "null-" + key, dump(d))
for key in OPTIONAL:
    d = dict(full); del d[key]
    put("valid", "absent-" + key, dump(d))
    d = dict(full); d[key] = None
    put("valid", "null-" + key, dump(d))

wrong_types = {"test_name": 1, "passed": "true", "skipped": 0, "metrics": {}, "stats": [],
               "active_flags": "llc", "sysctls": [1], "kargs": [None], "timestamp": 0, "run_id": [],
               "cleanup_duration_ms": -1, "cleanup_duration_ms_float": 1.5}
for key, value in wrong_types.items():
    d = dict(full); d[key.replace("_float", "")] = value
    put("parse", "type-" + key, dump(d))

stats = dict(full["stats"])
for key, value in [("total_workers", -1), ("total_workers", 1.5), ("total_migrations", 18446744073709551616),
                   ("worst_spread", "0.5"), ("worst_gap_ms", True)]:
    d = dict(full); s = dict(stats); s[key] = value; d["stats"] = s
    put("parse", "stats-%s-%s" % (key, str(value).replace(".", "_")), dump(d))

text = dump(full)
put("valid", "unknown-keys", text.replace('{\n  "test_name"', '{\n  "zz_future": {"a": [1, null]},\n  "source": "ci",\n  "test_name"', 1))
put("valid", "compact", json.dumps(full, separators=(",", ":"), ensure_ascii=False))
put("valid", "escaped-unicode", json.dumps(full, indent=2, ensure_ascii=True))
put("parse", "duplicate-key", text.replace('{\n  "test_name"', '{\n  "test_name": "dup",\n  "test_name"', 1))
put("parse", "nan", text.replace('{\n  "test_name"', '{\n  "zz": NaN,\n  "test_name"', 1))
put("parse", "infinity", text.replace('{\n  "test_name"', '{\n  "zz": Infinity,\n  "test_name"', 1))
put("parse", "trailing-garbage", text + "\n}")
put("parse", "two-documents", text + text)
put("parse", "bom", b"\xef\xbb\xbf" + text.encode("utf-8"))
put("io", "invalid-utf8", text.encode("utf-8").replace(b'"test_name": "', b'"test_name": "\xff\xfe', 1))
put("io", "lone-surrogate-raw", text.encode("utf-8").replace(b'"test_name": "', b'"test_name": "\xed\xa0\x80', 1))
put("parse", "control-char-in-string", text.replace('"test_name": "', '"test_name": "\x01', 1))
put("parse", "single-quotes", text.replace('"test_name"', "'test_name'", 1))
put("parse", "comment", "// c\n" + text)
put("parse", "trailing-comma", text[:-2] + ",\n}")
put("parse", "empty", b"")
put("parse", "whitespace", b" \n\t ")
put("parse", "null", "null")
put("parse", "number", "42")
put("parse", "string", '"t"')
put("parse", "empty-array", "[]")
put("parse", "empty-object", "{}")
put("parse", "deep-array", "[" * 100000)
put("parse", "deep-object", '{"a":' * 100000)
put("valid", "deep-unknown-value", text.replace('{\n  "test_name"', '{\n  "zz": ' + "[" * 5000 + "]" * 5000 + ',\n  "test_name"', 1))
put("parse", "nul-bytes", b"\x00" * 4096)
put("io", "random-binary", bytes((i * 7919 + 13) % 256 for i in range(8192)))
put("parse", "huge-number", text.replace('"total_workers": ', '"total_workers": 9' * 1 + "9" * 400 + "0", 1))
print(n)
