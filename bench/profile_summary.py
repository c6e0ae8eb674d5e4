"""Summarise a py-spy `--format raw` profile (collapsed stacks) into the tables docs/performance.md quotes.

    .venv/bin/python bench/profile_summary.py bench/results/sqlite-w1-warning-profiled.pyspy.txt

Shows where samples fall by thread, by package (of the innermost frame: "self" time), and the
functions with most self and inclusive time. Frames from the checkout are shown relative to it.
"""

from __future__ import annotations

import argparse
import re
from collections import Counter
from pathlib import Path

FRAME = re.compile(r"^(?P<func>.*?) \((?P<file>[^()]*?)(?::(?P<line>\d+))?\)$")
MARKERS = ("process ", "thread ")


def parse(path: Path) -> list[tuple[list[str], int]]:
    stacks = []
    for line in path.read_text().splitlines():
        if not line.strip():
            continue
        stack, _, count = line.rpartition(" ")
        stacks.append((stack.split(";"), int(count)))
    return stacks


def short_file(file: str) -> str:
    for anchor in ("site-packages/", "/lib/python3."):
        if anchor in file:
            rest = file.split(anchor, 1)[1]
            return rest.split("/", 1)[1] if anchor.startswith("/lib") else rest
    root = str(Path(__file__).resolve().parent.parent) + "/"
    return file.removeprefix(root)


def package(file: str) -> str:
    if "site-packages/" in file:
        return file.split("site-packages/", 1)[1].split("/", 1)[0].removesuffix(".py")
    if "/lib/python3." in file:
        return "stdlib:" + file.split("/lib/python3.", 1)[1].split("/", 2)[1].removesuffix(".py")
    short = short_file(file)
    return short.split("/", 1)[0] if "/" in short else short


def label(frame: str, with_line: bool) -> tuple[str, str]:
    m = FRAME.match(frame)
    if not m:
        return frame, frame
    where = short_file(m["file"])
    name = f"{m['func']} ({where}:{m['line']})" if with_line and m["line"] else f"{m['func']} ({where})"
    return name, package(m["file"])


def summarise(path: Path, top: int) -> str:
    stacks = parse(path)
    total = sum(c for _, c in stacks)
    threads: Counter[str] = Counter()
    self_fn: Counter[str] = Counter()
    self_pkg: Counter[str] = Counter()
    incl_fn: Counter[str] = Counter()
    for frames, count in stacks:
        thread = " / ".join(f for f in frames if f.startswith(MARKERS)) or "?"
        code = [f for f in frames if not f.startswith(MARKERS)]
        threads[re.sub(r"\(0x[0-9A-Fa-f]+\)", "", thread).strip()] += count
        if not code:
            continue
        name, pkg = label(code[-1], with_line=False)
        self_fn[name] += count
        self_pkg[pkg] += count
        for fn in {label(f, with_line=False)[0] for f in code}:
            incl_fn[fn] += count

    def table(title: str, counter: Counter[str], n: int) -> list[str]:
        rows = [f"#### {title}", "", "| % of samples | samples | where |", "|---:|---:|---|"]
        rows += [f"| {100 * c / total:.1f} | {c} | `{k}` |" for k, c in counter.most_common(n)]
        return [*rows, ""]

    out = [f"### Profile {path.name}: {total} samples (non-idle)", ""]
    out += table("By thread", threads, 10)
    out += table("Self time by package (innermost frame)", self_pkg, 15)
    out += table("Self time by function", self_fn, top)
    out += table("Inclusive time by function", incl_fn, top * 2)
    return "\n".join(out)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("profile", type=Path, help="py-spy raw output (bench/results/*.pyspy.txt)")
    parser.add_argument("--top", type=int, default=25)
    args = parser.parse_args()
    print(summarise(args.profile, args.top))


if __name__ == "__main__":
    main()
