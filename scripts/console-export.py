#!/usr/bin/env python3
"""Time the console's `:export` as a facilitator sees it, in a real terminal (tmux).

For each format and run: a fresh copy of SESSION is opened in the console inside tmux
(its own -L socket, COLSxROWS), under /usr/bin/time -v for the console's peak memory;
once the first screen is up (and --settle seconds after), `:export FORMAT PATH` is typed
and Enter pressed twice (the palette line, then the box's suggested file). The clock
starts at the second Enter and stops when the status line says "Wrote ". While the
export runs, --probe sends Esc (the box goes, the export goes on) and types a mark into
the input line (`i`, then the mark): the time until the mark is on the screen shows the console's loop stays
live. Polling `tmux capture-pane` costs a few ms a look, so figures are to about 10 ms.

  scripts/console-export.py --formats json,qdpx --runs 3 --probe -- .build/release/convene /tmp/e100k.convene

Prints one line a run and the median a format; `--formats none` opens the console and
closes it after --settle seconds, for its own peak without an export. Used for docs/performance.md
("qdpx and the console's export, session 7").
"""
import argparse, os, shutil, statistics, subprocess, sys, tempfile, time


def tmux(sock, *args, check=True):
    return subprocess.run(["tmux", "-L", sock, *args], capture_output=True, text=True, check=check).stdout


def screen(sock):
    return tmux(sock, "capture-pane", "-p", "-t", "ce", check=False)


def wait_for(sock, text, timeout, poll=0.005):
    end = time.monotonic() + timeout
    while time.monotonic() < end:
        shown = screen(sock)
        if text in shown:
            return time.monotonic()
        time.sleep(poll)
    sys.exit(f"console-export: '{text}' never appeared; screen was:\n{screen(sock)}")


class Idle(Exception):
    """No export (`--formats none`): only the console's own peak."""


def descendants(pid):
    out = []
    try:
        with open(f"/proc/{pid}/task/{pid}/children") as f:
            kids = [int(k) for k in f.read().split()]
    except OSError:
        return out
    for k in kids:
        out += [k] + descendants(k)
    return out


def once(args, fmt, work):
    copy = os.path.join(work, "session.convene")
    shutil.copyfile(args.session, copy)
    out = os.path.join(work, "out." + fmt)
    timing = os.path.join(work, "time.txt")
    for f in (out, timing):
        if os.path.exists(f):
            os.remove(f)
    cols, rows = args.size.split("x")
    command = f"/usr/bin/time -v -o {timing} {args.convene} open {copy} --role lead --by Lead"
    env = dict(os.environ, CONVENE_USER="console-export", LANG="C.UTF-8", LC_ALL="C.UTF-8", TERM="xterm-256color")
    subprocess.run(
        ["tmux", "-L", args.socket, "-f", "/dev/null", "new-session", "-d", "-s", "ce", "-x", cols, "-y", rows,
         command], check=True, env=env)
    try:
        wait_for(args.socket, args.ready, 30)
        time.sleep(args.settle)
        if fmt == "none":  # the console's own peak: opened, left for --settle seconds, closed
            raise Idle
        tmux(args.socket, "send-keys", "-t", "ce", "Escape")
        tmux(args.socket, "send-keys", "-t", "ce", "-l", f":export {fmt} {out}")
        tmux(args.socket, "send-keys", "-t", "ce", "Enter")
        wait_for(args.socket, os.path.basename(out), 10)
        start = time.monotonic()
        tmux(args.socket, "send-keys", "-t", "ce", "Enter")
        live = None
        if args.probe:
            time.sleep(args.probe_after)
            tmux(args.socket, "send-keys", "-t", "ce", "Escape")
            time.sleep(0.1)  # an Esc followed at once by a letter reads as Alt+letter
            sent = time.monotonic()
            # `i` goes from the panes to the input line, where the mark is typed.
            tmux(args.socket, "send-keys", "-t", "ce", "-l", "iZx7live")
            seen = wait_for(args.socket, "Zx7live", 30, poll=0.002)
            live = (seen - sent) * 1000, "Wrote " not in screen(args.socket)
        done = wait_for(args.socket, "Wrote ", 120)
        elapsed = (done - start) * 1000
    except Idle:
        elapsed, live = 0, None
    finally:
        pane = tmux(args.socket, "display-message", "-p", "-t", "ce", "#{pane_pid}", check=False).strip()
        for pid in descendants(int(pane)) if pane else []:
            try:
                with open(f"/proc/{pid}/comm") as f:
                    if f.read().strip() == os.path.basename(args.convene)[:15]:
                        os.kill(pid, 15)
            except OSError:
                pass
        end = time.monotonic() + 10
        while time.monotonic() < end and not (os.path.exists(timing) and "Maximum resident" in open(timing).read()):
            time.sleep(0.05)
        tmux(args.socket, "kill-server", check=False)
    peak = next((int(l.split(":")[1]) for l in open(timing) if "Maximum resident" in l), 0)
    return elapsed, peak / 1024, os.path.getsize(out) if os.path.exists(out) else 0, live


def main():
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--formats", default="json,qdpx")
    p.add_argument("--runs", type=int, default=3)
    p.add_argument("--size", default="160x48")
    p.add_argument("--socket", default=f"console-export-{os.getpid()}")
    p.add_argument("--ready", default="Rooms", help="text on the first screen")
    p.add_argument("--settle", type=float, default=1.0, help="seconds after the first screen before typing")
    p.add_argument("--probe", action="store_true", help="type into the console while the export runs")
    p.add_argument("--probe-after", type=float, default=0.15)
    p.add_argument("convene")
    p.add_argument("session")
    args = p.parse_args()
    args.convene = os.path.abspath(args.convene)
    for fmt in args.formats.split(","):
        times = []
        with tempfile.TemporaryDirectory(prefix="console-export-") as work:
            for run in range(args.runs):
                elapsed, peak, size, live = once(args, fmt, work)
                if fmt == "none":
                    print(f"opened, no export, closed after {args.settle:.1f} s: console peak {peak:.1f} MiB", flush=True)
                    continue
                times.append(elapsed)
                probe = ""
                if live:
                    probe = f"; typed mark shown after {live[0]:.0f} ms, {'before' if live[1] else 'after'} the export ended"
                print(f"{fmt} run {run + 1}: Enter to 'Wrote' {elapsed:.0f} ms; console peak {peak:.1f} MiB; "
                      f"{size} bytes{probe}", flush=True)
        if fmt != "none":
            print(f"{fmt}: median {statistics.median(times):.0f} ms over {len(times)} runs", flush=True)


if __name__ == "__main__":
    main()
