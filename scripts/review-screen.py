#!/usr/bin/env python3
"""Time from pressing F5 (the privacy review screen) to the whole review screen, as a user sees it.

The console runs in a pseudo-terminal of a fixed size, fed into a VT emulator (pyte). Once every
--ready text is on screen (the first screen) F5 is sent; the clock stops when the review screen's
title is on screen and its "Still scanning" line is not (every contribution's findings listed).
Repeats --runs times (a fresh process each time) and prints each figure and the median in ms.

  scripts/review-screen.py --ready Rooms --runs 5 -- .build/release/convene open S.convene --role lead

Needs pyte. Used for docs/performance.md ("The console's review screen keeps its scans").
"""
import argparse, os, time

from screenclock import Terminal, command, report

F5 = b"\x1b[15~"


def whole(text):
    return "review" in text.lower() and "Esc closes" in text and "Still scanning" not in text


def once(argv, ready, rows, cols, timeout):
    term = Terminal(argv, rows, cols)
    deadline = time.monotonic() + timeout
    sent = term.wait_until(lambda text: all(t in text for t in ready), deadline, "the first screen")
    os.write(term.fd, F5)
    seen = term.wait_until(whole, deadline, "the whole review screen")
    term.stop()
    return (seen - sent) / 1e6


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--ready", action="append", required=True, help="text on the first full screen (repeatable)")
    ap.add_argument("--runs", type=int, default=5)
    ap.add_argument("--rows", type=int, default=48)
    ap.add_argument("--cols", type=int, default=160)
    ap.add_argument("--timeout", type=float, default=300)
    ap.add_argument("argv", nargs=argparse.REMAINDER)
    a = ap.parse_args()
    report("review screen whole", [once(command(a.argv), a.ready, a.rows, a.cols, a.timeout) for _ in range(a.runs)])


if __name__ == "__main__":
    main()
