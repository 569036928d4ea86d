"""`python -m kadiyan.bench.templates`: ad templates scored against a world's truth.

Reads a generated world's `ads.jsonl` and `truth.jsonl`, clusters the ads into templates
(`kadiyan.resolve.templates.cluster_templates`) and reports, next to the InfoShield
baseline on the same ads when its checkout is given:

- ARI and pair precision/recall against *operation truth*: an ad's label is its
  `operation_id`; an ad outside every operation is grouped with the ads whose truth phones
  or handles overlap its own (one poster), and is otherwise alone.
- the same against *template truth*: an operation ad's label is the operation and which
  of its templates wrote it (the scenario's templates are rebuilt from `world.json` and
  each ad goes to the one whose wording it shares most); a classified's label is the
  classified wording it was filled from; an escort ad outside every operation was composed
  at random, so it is alone.
- purity: how many templates mix ads of two operations, and how many operation ads sit
  in such a template. Templates are grouped into operations later with shared phones,
  handles and photos, so a mixed template is the costly error; a split one is not.
- number of templates, ads per second and peak memory.
"""

from __future__ import annotations

import argparse
import csv
import hashlib
import io
import os
import resource
import shutil
import subprocess
import sys
import time
from collections import defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np
import orjson

from kadiyan.bench.memory import PeakMemory
from kadiyan.resolve.templates import TemplateParams, ad_tokens, cluster_templates

ADS = "ads.jsonl"
INFOSHIELD_ENV = "KADIYAN_INFOSHIELD"
INFOSHIELD_PACKAGES = (
    "numpy==1.23.5", "pandas==2.2.2", "scipy==1.11.4", "scikit-learn==1.3.2", "networkx==3.3",
    "nltk==3.8.1", "python-docx==1.1.2", "joblib==1.4.2", "progressbar2==4.6.0",
    # infoshieldcoarse.py imports pyplot at the top though it never plots.
    "matplotlib==3.8.4",
)


# --- corpus and truth --------------------------------------------------------------------


def read_ads(world_dir: Path, limit: int | None = None) -> Iterator[tuple[str, str]]:
    """(ad id, text) from `ads.jsonl`, in file order, at most `limit`."""
    with (world_dir / ADS).open("rb") as handle:
        for n, line in enumerate(handle):
            if limit is not None and n >= limit:
                return
            ad = orjson.loads(line)
            yield ad["id"], ad["text"]


@dataclass(slots=True)
class Truth:
    """Per ad (in corpus order): operation labels, poster-or-operation labels, templates."""

    ids: list[str]
    operation: np.ndarray  # operation number, -1 outside every operation
    grouped: np.ndarray  # operation truth for ARI (operations, then posters, then alone)
    template: np.ndarray  # template truth for ARI


def read_truth(world_dir: Path, ids: list[str], texts: list[str] | None = None) -> Truth:
    """The truth labels of `ids` (see the module docstring for their definitions)."""
    wanted = {ad_id: i for i, ad_id in enumerate(ids)}
    lines: list[dict[str, Any] | None] = [None] * len(ids)
    with (world_dir / "truth.jsonl").open("rb") as handle:
        for line in handle:
            if b'"ads.jsonl"' not in line:
                continue
            t = orjson.loads(line)
            i = wanted.get(t["record_id"])
            if i is not None:
                lines[i] = t
    missing = [ids[i] for i, t in enumerate(lines) if t is None]
    if missing:
        raise ValueError(f"{len(missing)} ads have no truth line, e.g. {missing[0]}")
    found = [t for t in lines if t is not None]
    operation = _numbered([t["operation_id"] for t in found])
    grouped = _operations_then_posters(found)
    template = (
        _template_truth(world_dir, found, texts) if texts is not None else grouped.copy()
    )
    return Truth(ids, operation, grouped, template)


def _numbered(values: list[str | None]) -> np.ndarray:
    """Values as numbers 0.., None as -1."""
    numbers: dict[str, int] = {}
    return np.array(
        [-1 if v is None else numbers.setdefault(v, len(numbers)) for v in values], dtype=np.int64
    )


def _operations_then_posters(lines: list[dict[str, Any]]) -> np.ndarray:
    """Operation truth: the operation, else the poster by shared phones or handles."""
    parent = list(range(len(lines)))

    def root(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    first: dict[str, int] = {}
    for i, t in enumerate(lines):
        keys = [f"op:{t['operation_id']}"] if t["operation_id"] else [
            *(f"phone:{p}" for p in t.get("phones", [])),
            *(f"handle:{h}" for h in t.get("handles", [])),
        ]
        for key in keys:
            j = first.setdefault(key, i)
            parent[root(i)] = root(j)
    return np.array([root(i) for i in range(len(lines))], dtype=np.int64)


def _template_truth(
    world_dir: Path, lines: list[dict[str, Any]], texts: list[str]
) -> np.ndarray:
    """Template truth: (operation, its template) | classified wording | the ad alone."""
    from kadiyan.scenario import phrases

    world = orjson.loads((world_dir / "world.json").read_bytes())
    wordings = _operation_wordings(world)
    benign = [
        (f"benign:{lang}:{k}", _token_set(_bare(text)))
        for lang, texts_ in phrases.BENIGN.items()
        for k, text in enumerate(texts_)
    ]
    labels: list[str] = []
    for i, (t, text) in enumerate(zip(lines, texts, strict=True)):
        tokens = _token_set(text)
        op = t["operation_id"]
        if op is not None:
            labels.append(_closest(tokens, wordings[op]))
        elif "names" in t:
            # The truth of escort-style ads lists names (maybe none); classifieds' never.
            labels.append(f"alone:{i}")  # composed at random
        else:
            labels.append(_closest(tokens, benign))
    return _numbered(labels)  # type: ignore[arg-type]


def _operation_wordings(world: dict[str, Any]) -> dict[str, list[tuple[str, set[str]]]]:
    """Each operation's templates as the words they usually say.

    This mirrors how the scenario draws an operation's templates (`scenario.ads`).
    """
    from kadiyan.scenario import phrases
    from kadiyan.scenario.ads import make_template
    from kadiyan.scenario.rng import substream

    out: dict[str, list[tuple[str, set[str]]]] = {}
    for op in world["operations"]:
        rng = substream(world["seed"], f"templates:{op['id']}")
        count = rng.choices((1, 2, 3), (0.5, 0.35, 0.15))[0]
        bank = phrases.ESCORT[op["ad_language"]]
        out[op["id"]] = []
        for k in range(count):
            tmpl = make_template(rng, op["ad_language"])
            words = [_bare(bank[c][usual][0]) for c, usual in tmpl.segments]
            text = tmpl.decoration + tmpl.sep.join(words)
            out[op["id"]].append((f"{op['id']}:{k}", _token_set(text)))
    return out


def _bare(phrase: str) -> str:
    """A phrase with its slots left out."""
    return phrase.format_map(defaultdict(str))


def _token_set(text: str) -> set[str]:
    tokens = ad_tokens(text)
    return set(tokens) | {a + " " + b for a, b in zip(tokens, tokens[1:], strict=False)}


def _closest(tokens: set[str], options: list[tuple[str, set[str]]]) -> str:
    return max(options, key=lambda o: len(tokens & o[1]) / len(o[1] | tokens))[0]


# --- scores ------------------------------------------------------------------------------


def pair_counts(predicted: np.ndarray, truth: np.ndarray) -> tuple[int, int, int, int]:
    """Pairs together in both, in `predicted`, in `truth`, and all pairs."""

    def pairs(counts: np.ndarray) -> int:
        counts = counts.astype(np.int64)
        return int((counts * (counts - 1) // 2).sum())

    _, p = np.unique(predicted, return_inverse=True)
    _, t = np.unique(truth, return_inverse=True)
    joint = p.astype(np.int64) * (int(t.max()) + 1) + t
    n = len(predicted)
    return (
        pairs(np.unique(joint, return_counts=True)[1]),
        pairs(np.bincount(p)),
        pairs(np.bincount(t)),
        n * (n - 1) // 2,
    )


def adjusted_rand(predicted: np.ndarray, truth: np.ndarray) -> float:
    """Adjusted Rand index (Hubert and Arabie) from the contingency table's pair counts."""
    both, in_predicted, in_truth, total = pair_counts(predicted, truth)
    if total == 0:
        return 1.0
    expected = in_predicted * in_truth / total
    best = (in_predicted + in_truth) / 2
    if best == expected:
        return 1.0
    return (both - expected) / (best - expected)


def pair_scores(predicted: np.ndarray, truth: np.ndarray) -> dict[str, float]:
    """ARI and pair precision/recall (pairs put together that truth puts together)."""
    both, in_predicted, in_truth, _ = pair_counts(predicted, truth)
    return {
        "ari": round(adjusted_rand(predicted, truth), 4),
        "pair_precision": round(both / in_predicted, 4) if in_predicted else 1.0,
        "pair_recall": round(both / in_truth, 4) if in_truth else 1.0,
    }


def purity(predicted: np.ndarray, operation: np.ndarray) -> dict[str, float | int]:
    """How often a template mixes operations, or an operation with ads outside them.

    A template's minority operation ads are those not of its most common operation;
    `operation_purity` is the share of operation ads that are not.
    """
    in_op = operation >= 0
    _, cluster = np.unique(predicted[in_op], return_inverse=True)
    _, op = np.unique(operation[in_op], return_inverse=True)
    pairs, counts = np.unique(cluster.astype(np.int64) * (int(op.max()) + 1) + op,
                              return_counts=True) if len(op) else (np.array([]), np.array([]))
    pair_cluster = pairs // (int(op.max()) + 1) if len(op) else pairs
    ops_per_cluster = np.bincount(pair_cluster.astype(np.int64)) if len(op) else pairs
    largest = np.zeros(len(ops_per_cluster), dtype=np.int64)
    np.maximum.at(largest, pair_cluster.astype(np.int64), counts)
    mixed = np.flatnonzero(ops_per_cluster > 1)
    with_op = set(np.unique(predicted[in_op]).tolist())
    with_others = with_op & set(np.unique(predicted[~in_op]).tolist())
    n_op = int(in_op.sum())
    return {
        "templates_with_operation_ads": len(with_op),
        "templates_mixing_operations": int(len(mixed)),
        "operation_ads_in_mixed_templates": round(
            float(np.isin(cluster, mixed).mean()) if n_op else 0.0, 4
        ),
        "minority_operation_ads": n_op - int(largest.sum()),
        "operation_purity": round(int(largest.sum()) / n_op, 4) if n_op else 1.0,
        "templates_mixing_operation_and_others": len(with_others),
    }


def score(predicted: np.ndarray, truth: Truth) -> dict[str, Any]:
    """Every score of one clustering against the truth."""
    return {
        "templates": int(len(np.unique(predicted))),
        "vs_operations": pair_scores(predicted, truth.grouped),
        "vs_templates": pair_scores(predicted, truth.template),
        "purity": purity(predicted, truth.operation),
    }


# --- Kadiyan -----------------------------------------------------------------------------


def run_templates(
    world_dir: Path,
    *,
    limit: int | None = None,
    infoshield: Path | None = None,
    fine: bool = False,
    workdir: Path | None = None,
    params: TemplateParams | None = None,
    workers: int | None = None,
) -> dict[str, Any]:
    """Cluster a world's ads into templates and score them, beside InfoShield if given."""
    ads = list(read_ads(world_dir, limit))
    ids = [a for a, _ in ads]
    assigned, timing = timed_clustering(ads, params, workers)
    truth = read_truth(world_dir, ids, [t for _, t in ads])
    predicted = _numbered([assigned[a] for a in ids])
    result: dict[str, Any] = {
        "world": str(world_dir),
        "ads": len(ads),
        "operations": int(len(np.unique(truth.operation[truth.operation >= 0]))),
        "true_templates": int(len(np.unique(truth.template))),
        "kadiyan": {**score(predicted, truth), **timing},
    }
    checkout = infoshield or _env_path(INFOSHIELD_ENV)
    if checkout is None:
        result["infoshield"] = {
            "skipped": f"no InfoShield checkout: pass --infoshield or set {INFOSHIELD_ENV}"
        }
    else:
        work = workdir or Path(os.environ.get("TMPDIR", "/tmp")) / "kadiyan-infoshield"
        base = infoshield_baseline(ads, work, checkout, fine=fine)
        for stage in ("coarse", "fine"):
            labels = base.pop(f"{stage}_labels", None)
            if labels is not None:
                base[stage].update(score(_numbered([labels[a] for a in ids]), truth))
        result["infoshield"] = base
    return result


def _env_path(name: str) -> Path | None:
    value = os.environ.get(name)
    return Path(value) if value else None


def measure_speed(world_dir: Path, *, limit: int | None = None,
                  workers: int | None = None) -> dict[str, Any]:
    """Clustering alone, streamed from the file: ads per second and peak memory."""
    assigned, timing = timed_clustering(read_ads(world_dir, limit), None, workers)
    return {"ads": len(assigned), "templates": len(set(assigned.values())), **timing}


def timed_clustering(
    ads: Iterable[tuple[str, str]], params: TemplateParams | None, workers: int | None
) -> tuple[dict[str, str], dict[str, Any]]:
    """`cluster_templates` with its wall time, CPU time and peak memory.

    CPU seconds are this process's (reading and the index) and the signing workers';
    with other work on the machine the wall time grows but these do not, and the load
    average before and after says how busy it was.
    """
    load_before = os.getloadavg()[0]
    children_before = resource.getrusage(resource.RUSAGE_CHILDREN)
    with PeakMemory() as memory:
        start, cpu = time.perf_counter(), time.process_time()
        assigned = cluster_templates(ads, params, workers=workers)
        seconds, cpu = time.perf_counter() - start, time.process_time() - cpu
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    worker_cpu = (children.ru_utime + children.ru_stime) - (
        children_before.ru_utime + children_before.ru_stime
    )
    return assigned, {
        "seconds": round(seconds, 1),
        "ads_per_second": round(len(assigned) / seconds),
        "cpu_seconds": {"main": round(cpu, 1), "workers": round(worker_cpu, 1)},
        "peak_mib": round(memory.peak_mib),
        "workers": (os.cpu_count() or 1) - 1 if workers is None else workers,
        "load_average": [round(load_before, 1), round(os.getloadavg()[0], 1)],
    }


# --- InfoShield baseline -----------------------------------------------------------------


def infoshield_baseline(
    ads: list[tuple[str, str]],
    workdir: Path,
    checkout: Path,
    *,
    fine: bool = False,
    timeout: float = 1800.0,
    fine_timeout: float = 1200.0,
) -> dict[str, Any]:
    """InfoShield (coarse, and fine if asked) on the same ads, in a virtualenv of its own.

    Returns each stage's wall time and its labels (`coarse_labels`, `fine_labels`: ad id ->
    cluster); an ad coarse leaves unique, or fine puts in no template, is alone. A stage
    that fails or outruns its timeout says so instead. Runs are kept under `workdir` by
    the corpus's digest: a stage that finished on the same ads before is not run again
    (its result says `"cached": true`, with the time it took then).
    """
    workdir.mkdir(parents=True, exist_ok=True)
    python = _infoshield_python(workdir / "venv")
    # It reads `id,text` with no newline inside a text, and cuts the file name at the
    # first dot.
    rows = "".join(_csv_row(ad_id, " ".join(text.split())) for ad_id, text in ads)
    run_dir = workdir / f"run-{hashlib.sha1(rows.encode()).hexdigest()[:12]}"
    run_dir.mkdir(exist_ok=True)
    corpus = run_dir / "ads.csv"
    corpus.write_text(_csv_row("id", "text") + rows)
    ids = [a for a, _ in ads]
    out: dict[str, Any] = {"checkout": str(checkout), "run": str(run_dir)}
    coarse = _stage(
        run_dir, "coarse", [python, str(checkout / "infoshieldcoarse.py"), corpus.name],
        timeout,
    )
    out["coarse"] = coarse
    if "error" in coarse:
        return out
    labels = _coarse_labels(run_dir / "ads_full_LSH_labels.csv")
    out["coarse_labels"] = {a: labels.get(a, f"alone:{a}") for a in ids}
    if not fine:
        out["fine"] = {"skipped": "fine not asked for (--fine)"}
        return out
    stage = _stage(
        run_dir, "fine", [python, str(checkout / "infoshieldfine.py"), "ads_LSH_labels.csv"],
        fine_timeout,
    )
    table = run_dir / "template_table.csv"
    if "error" in stage and "did not finish" not in stage["error"]:
        # One cluster's crash (a KeyError in slot_identify on noisy corpora) ends the
        # stock run; driving it one coarse cluster at a time keeps the others.
        driver = run_dir / "fine_by_cluster.py"
        driver.write_text(_FINE_BY_CLUSTER.format(checkout=str(checkout)))
        stage = {"stock_run": stage, **_stage(
            run_dir, "fine_by_cluster", [python, driver.name], fine_timeout
        )}
        table = run_dir / "template_table_by_cluster.csv"
        failed = run_dir / "failed_clusters.txt"
        if failed.exists():
            stage["failed_clusters"] = len(failed.read_text().split())
    out["fine"] = stage
    if "error" not in stage:
        placed = _fine_labels(table)
        out["fine_labels"] = {a: placed.get(a, f"alone:{a}") for a in ids}
    return out


# Run with InfoShield's interpreter in the run folder: its fine stage, one coarse cluster
# at a time, a cluster that raises left out (its ads end up in no template).
_FINE_BY_CLUSTER = """\
import csv, sys
sys.path.insert(0, {checkout!r})
import infoshieldfine
from utils import read_data

data, vocabulary_cost = read_data("ads_LSH_labels.csv", "id", "text")
failed = []
with open("template_table_by_cluster.csv", "w", newline="") as handle:
    out = csv.writer(handle)
    out.writerow(["LSH Label", "Template #", "ID"])
    for label, docs in data.items():
        try:
            _, _, templates = infoshieldfine.func(label, docs, vocabulary_cost)
        except Exception as error:
            failed.append(f"{{label}}:{{type(error).__name__}}")
            continue
        for number, members in templates.items():
            for member in members:
                out.writerow([label, number, member])
with open("failed_clusters.txt", "w") as handle:
    handle.write("\\n".join(failed))
"""


def _csv_row(*values: str) -> str:
    buffer = io.StringIO()
    csv.writer(buffer, lineterminator="\n").writerow(values)
    return buffer.getvalue()


def _stage(run_dir: Path, name: str, command: list[str], timeout: float) -> dict[str, Any]:
    """Run one stage unless it already finished in this folder."""
    done = run_dir / f"{name}.json"
    if done.exists():
        return {**orjson.loads(done.read_bytes()), "cached": True}
    result = _run_stage(command, run_dir, timeout)
    if "error" not in result:
        done.write_bytes(orjson.dumps(result))
    return result


def _infoshield_python(venv: Path) -> str:
    """The interpreter of InfoShield's own virtualenv, made once and kept."""
    python = venv / "bin" / "python"
    ready = venv / ".installed"
    if not ready.exists():
        shutil.rmtree(venv, ignore_errors=True)
        subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True)
        subprocess.run(
            [str(python), "-m", "pip", "install", "--quiet", *INFOSHIELD_PACKAGES], check=True
        )
        ready.write_text("\n".join(INFOSHIELD_PACKAGES))
    return str(python)


def _run_stage(command: list[str], cwd: Path, timeout: float) -> dict[str, Any]:
    start = time.perf_counter()
    log = cwd / f"{Path(command[1]).stem}.log"
    with PeakMemory() as memory, log.open("wb") as handle:
        try:
            done = subprocess.run(
                command, cwd=cwd, stdout=handle, stderr=subprocess.STDOUT, timeout=timeout,
                check=False,
            )
        except subprocess.TimeoutExpired:
            return {"error": f"did not finish in {timeout:.0f} s", "log": str(log)}
    seconds = round(time.perf_counter() - start, 1)
    if done.returncode != 0:
        tail = log.read_text(errors="replace").strip().splitlines()[-1:]
        return {"error": f"exit {done.returncode}: {' '.join(tail)}", "seconds": seconds,
                "log": str(log)}
    return {"seconds": seconds, "peak_mib": round(memory.peak_mib)}


def _coarse_labels(path: Path) -> dict[str, str]:
    """Ad id -> coarse cluster; label -1 means unique, so the ad is left out."""
    with path.open(newline="") as handle:
        return {
            row["id"]: f"coarse:{row['LSH label']}"
            for row in csv.DictReader(handle)
            if row["LSH label"] != "-1"
        }


def _fine_labels(path: Path) -> dict[str, str]:
    """Ad id -> (coarse cluster, template) from `template_table.csv`."""
    with path.open(newline="") as handle:
        return {
            row["ID"]: f"fine:{row['LSH Label']}:{row['Template #']}"
            for row in csv.DictReader(handle)
        }


def main(
    argv: list[str] | None = None, prog: str = "python -m kadiyan.bench.templates"
) -> None:
    """Print `run_templates` (or, with --speed-only, `measure_speed`) as JSON."""
    parser = argparse.ArgumentParser(prog=prog, description=__doc__.splitlines()[0])
    parser.add_argument("--world", type=Path, required=True, help="a generated world folder")
    parser.add_argument("--limit", type=int, default=None, help="the first N ads only")
    parser.add_argument("--infoshield", type=Path, default=None,
                        help=f"InfoShield checkout (or set {INFOSHIELD_ENV})")
    parser.add_argument("--fine", action="store_true", help="run InfoShield-Fine too")
    parser.add_argument("--workdir", type=Path, default=None,
                        help="where InfoShield's virtualenv and files go")
    parser.add_argument("--workers", type=int, default=None, help="signing processes (0: none)")
    parser.add_argument("--speed-only", action="store_true",
                        help="time clustering streamed from the file; no scores")
    args = parser.parse_args(argv)
    if args.speed_only:
        result = measure_speed(args.world, limit=args.limit, workers=args.workers)
    else:
        result = run_templates(
            args.world, limit=args.limit, infoshield=args.infoshield, fine=args.fine,
            workdir=args.workdir, workers=args.workers,
        )
    print(orjson.dumps(result, option=orjson.OPT_INDENT_2).decode())


if __name__ == "__main__":
    main()
