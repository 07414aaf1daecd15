#!/usr/bin/env python3
"""feedjson.py: the JSON of the feed tests, one Python start per use
(each costs seconds in the debug VM).

  feedjson.py check EXPECTED ADJUST  standard input, tpctl -j -s feed show
                                     of one feed: its "stats" must equal the
                                     JSON file EXPECTED plus the increments
                                     of the JSON text ADJUST (nested alike)
  feedjson.py vars FILE PREFIX       PREFIXkey=value lines for the shell,
                                     one per top-level key of the JSON file
                                     (an object counts its entries)
"""
import json
import sys


def add(base, more):
    for key, value in more.items():
        if isinstance(value, dict):
            add(base.setdefault(key, {}), value)
        else:
            base[key] = base.get(key, 0) + value


def check(expected, adjust):
    got = json.load(sys.stdin)[0]["stats"]
    want = json.load(open(expected))
    add(want, json.loads(adjust))
    if got == want:
        return 0
    for key in sorted(set(got) | set(want)):
        if got.get(key) != want.get(key):
            print(f"  {key}: got {got.get(key)}, expected {want.get(key)}")
    return 1


def shell_vars(path, prefix):
    for key, value in json.load(open(path)).items():
        print(f"{prefix}{key}={len(value) if isinstance(value, dict) else value}")
    return 0


def main():
    if sys.argv[1] == "check":
        return check(sys.argv[2], sys.argv[3])
    return shell_vars(sys.argv[2], sys.argv[3])


if __name__ == "__main__":
    sys.exit(main())
