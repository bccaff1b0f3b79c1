#!/usr/bin/env python3
"""Tables of a sequential sbibm benchmark folder (written by scripts/sequential-sbibm.sh).

Reads DIR/summary.txt (the last line per task and observation counts) and DIR/TASK-obsK.rounds.txt
(the round lines of each run), and prints Markdown: one row per (task, observation) and one per
task with the mean C2ST beside the best published sequential method at 10^4 and sbibm's amortized
NPE and NLE on the same observations (from PUBLISHED, sbibm's c2st_published.csv). Usage:
    scripts/sequential-table.py DIR [PUBLISHED]
"""
import csv
import re
import sys
from pathlib import Path

# best published sequential method at 10^4 simulations per task (sbibm, Lueckmann et al. 2021)
BEST_SEQUENTIAL = {"slcp": 0.713, "bernoulli-glm": 0.553, "gaussian-linear-uniform": 0.527,
                   "sir": 0.561, "lotka-volterra": 0.738}
TASKS = list(BEST_SEQUENTIAL)
LINE = re.compile(r"^(\S+) observation (\d+): budget (\d+) in (\d+) rounds, infer (\d+) s, "
                  r"sample\+c2st (\d+) s; ([0-9.]+)$")


def published(path):
    table = {}
    with open(path) as f:
        for row in csv.DictReader(f):
            if row["num_simulations"] == "10000":
                key = (row["task"].replace("_", "-"), int(row["num_observation"]))
                table.setdefault(key, {})[row["algorithm"]] = float(row["c2st"])
    return table


def last_round(path):
    """prior mass of the last region, whether it needed the fallback, pairs trained, simulations (invalid)"""
    lines = [l for l in path.read_text().splitlines() if l.startswith("round ")]
    last = lines[-1]
    volume = re.search(r"truncated prior volume ([0-9.e-]+)", last)
    pairs = re.search(r"trained on (\d+) pairs", last).group(1)
    sims = re.search(r"(\d+) of (\d+) so far", last).group(1)
    invalid = sum(int(m) for l in lines for m in re.findall(r"simulations \((\d+) invalid\)", l))
    mass = (volume.group(1) if volume else "1") + (" (fallback)" if "fallback" in last else "")
    return mass, pairs, f"{sims} ({invalid})"


def main():
    folder = Path(sys.argv[1])
    pub = published(sys.argv[2] if len(sys.argv) > 2 else "/work/shared/sbibm/c2st_published.csv")
    runs = {}
    for line in (folder / "summary.txt").read_text().splitlines():
        m = LINE.match(line.strip())
        if m:
            runs[(m.group(1), int(m.group(2)))] = (float(m.group(7)), int(m.group(5)), int(m.group(6)))
    print("| task | observation | C2ST sequential cINN | published NPE / NLE, same observation"
          " | last region (prior mass) | final training pairs | simulations (invalid) | `infer` wall"
          " | sample + C2ST wall |")
    print("|---|---|---|---|---|---|---|---|---|")
    for task in TASKS:
        for k in range(1, 11):
            if (task, k) not in runs:
                continue
            c2st, infer, rest = runs[(task, k)]
            mass, pairs, sims = last_round(folder / f"{task}-obs{k}.rounds.txt")
            p = pub.get((task, k), {})
            print(f"| {task} | {k} | **{c2st:.3f}** | {p.get('NPE', float('nan')):.3f} / "
                  f"{p.get('NLE', float('nan')):.3f} | {mass} | {pairs} | {sims} | {infer} s | {rest} s |")
    print()
    print("| task | observations | mean C2ST sequential cINN | best published sequential at 10^4 (mean of 10)"
          " | mean published NPE / NLE, same observations | goal | mean `infer` wall |")
    print("|---|---|---|---|---|---|---|")
    for task in TASKS:
        ks = [k for k in range(1, 11) if (task, k) in runs]
        if not ks:
            continue
        mean = sum(runs[(task, k)][0] for k in ks) / len(ks)
        npe = sum(pub[(task, k)]["NPE"] for k in ks) / len(ks)
        nle = sum(pub[(task, k)]["NLE"] for k in ks) / len(ks)
        wall = sum(runs[(task, k)][1] for k in ks) / len(ks)
        met = "met" if round(mean, 3) <= BEST_SEQUENTIAL[task] else "not met"
        print(f"| {task} | {len(ks)} ({', '.join(map(str, ks))}) | **{mean:.3f}** | {BEST_SEQUENTIAL[task]} | "
              f"{npe:.3f} / {nle:.3f} | {met} | {wall:.0f} s |")


if __name__ == "__main__":
    main()
