#!/usr/bin/env python3
"""Re-runs every `$ litkb ...` example in README.md (and the two "Try it" commands) and writes
their real output back, so the README shows what litkb prints. `--check` only reports blocks
that differ. Run from the project root; the examples that name ../shared/corpus need it.

    python3 scripts/readme-examples.py --check
"""
import glob
import os
import re
import subprocess
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def run(command):
    # Both streams, as a terminal shows them: warnings go to standard error, after their
    # file's line (litkb flushes standard output before each).
    return subprocess.run(command, shell=True, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, cwd=ROOT).stdout


def undated(text):
    text = re.sub(r"\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}", "DATE TIME", text)  # the search history's times
    return re.sub(r"ingested \d{4}-\d{2}-\d{2}", "ingested DATE", text)


def main():
    check = "--check" in sys.argv
    subprocess.run("swift build --product litkb", shell=True, cwd=ROOT, check=True, capture_output=True)
    for path in glob.glob(os.path.join(ROOT, "*.sqlite*")):
        os.remove(path)
    litkb = os.path.join(ROOT, ".build/debug/litkb")

    ingest = run(f"{litkb} ingest corpus").rstrip("\n").split("\n")
    shown = run(f"{litkb} show 38174611").rstrip("\n").split("\n")

    def index(prefix):
        return next(i for i, line in enumerate(shown) if line.startswith(prefix))

    # The seed's abstracts are long: the README shows the first section of each and says so.
    spanish, summary = index("Abstract (Spanish"), index("Plain language summary")
    shown = (shown[:index("  Objective:")] + ["  …", ""] + shown[spanish:spanish + 2] + ["  …", ""]
             + shown[summary:summary + 1] + ["  …", ""] + shown[index("Keywords:"):])
    try_it = "\n".join(ingest + shown)

    readme_path = os.path.join(ROOT, "README.md")
    readme = open(readme_path).read()
    blocks = readme.split("```")
    changed = []
    for i in range(1, len(blocks), 2):
        block = blocks[i]
        if block.startswith("\ncorpus/README.md"):
            new = "\n" + try_it + "\n"
        elif block.startswith("\n$ litkb "):
            if "../shared/corpus" in block and not os.path.isdir(os.path.join(ROOT, "../shared/corpus")):
                print("skipped (../shared/corpus is absent):", block.strip("\n").split("\n")[0])
                continue
            parts = []
            for example in re.split(r"\n(?=\$ litkb )", block.strip("\n")):
                command = example.split("\n")[0][len("$ litkb "):]
                output = run(f"{litkb} {command}").rstrip("\n")
                parts.append("$ litkb " + command + ("\n" + output if output else ""))
            new = "\n" + "\n\n".join(parts) + "\n"
        else:
            continue
        # The day a file was ingested is today's: an example printing it stays true tomorrow.
        if undated(new) != undated(block):
            changed.append(new.strip("\n").split("\n")[0])
            blocks[i] = new
    for path in glob.glob(os.path.join(ROOT, "*.sqlite*")):
        os.remove(path)
    if check:
        for first_line in changed:
            print("differs:", first_line)
        sys.exit(1 if changed else 0)
    open(readme_path, "w").write("```".join(blocks))
    print(f"{len(changed)} blocks rewritten")


if __name__ == "__main__":
    main()
