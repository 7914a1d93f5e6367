#!/usr/bin/env python3
"""Checks `detect --json` output (stdin) against cards.json: each sample image's line lists
exactly its cards, every line is valid JSON with the documented fields, and a file that does
not exist got an error line. Used by scripts/test-all (suite examples_run)."""

import json
import sys
from pathlib import Path


def main():
    truth = json.loads(Path(sys.argv[1]).read_text())
    lines = [json.loads(line) for line in sys.stdin if line.strip()]
    seen = set()
    for line in lines:
        name = Path(line["path"]).name
        if name in truth:
            assert "error" not in line, line
            assert isinstance(line["ms"], (int, float)), line
            got = sorted(card["card"] for card in line["cards"])
            want = sorted(code.replace("10", "T")[:-1] + code[-1].lower() for code in truth[name])
            assert got == want, f"{name}: got {got}, want {want}"
            for card in line["cards"]:
                assert len(card["box"]) == 4 and 0.0 < card["confidence"] <= 1.0, card
            seen.add(name)
        else:
            assert "error" in line, line
    missing = set(truth) - seen
    assert not missing, f"no line for {sorted(missing)}"
    print(f"detect output ok: {len(lines)} lines", file=sys.stderr)


if __name__ == "__main__":
    main()
