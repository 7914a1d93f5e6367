#!/usr/bin/env python3
"""Checks `detect --json` output (stdin): every line is valid JSON with the documented fields,
each sample image of cards.json has its line, and a file that does not exist got an error
line. With --exact, each sample's line must also list exactly its cards (turn it on in
scripts/test-all once the shipped models are accurate; see models/MODEL_CARD.md).
Usage: check_detect_output.py [--exact] cards.json < output"""

import json
import sys
from pathlib import Path


def main():
    args = sys.argv[1:]
    exact = "--exact" in args
    truth = json.loads(Path([a for a in args if a != "--exact"][0]).read_text())
    lines = [json.loads(line) for line in sys.stdin if line.strip()]
    seen = set()
    for line in lines:
        name = Path(line["path"]).name
        if name in truth:
            assert "error" not in line, line
            assert isinstance(line["ms"], (int, float)), line
            got = sorted(card["card"] for card in line["cards"])
            want = sorted(code.replace("10", "T")[:-1] + code[-1].lower() for code in truth[name])
            if exact:
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
