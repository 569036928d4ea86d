"""The local engine: DuckDB in this process for Splink, datasketch and igraph beside it."""

from __future__ import annotations

import logging
from collections.abc import Iterable, Sequence
from typing import Any

import duckdb
import igraph
from splink import DuckDBAPI, Linker

from kadiyan.engines.base import PersonMatches
from kadiyan.model import Reason, ScoredPair
from kadiyan.resolve import persons
from kadiyan.resolve.persons import PersonRow

# Below this many mentions EM has too little to learn from: the model's prior weights are
# used as they are (see `persons.comparisons`).
MIN_ROWS_TO_TRAIN = 50
LEIDEN_SEED = 7  # Leiden is randomised; a fixed seed makes `kadiyan link` repeatable


class LocalEngine:
    """Runs every batch job on this machine."""

    name = "local"

    def __init__(self, threads: int | None = None) -> None:
        self.threads = threads

    def _connection(self) -> duckdb.DuckDBPyConnection:
        conn = duckdb.connect(":memory:")
        conn.execute("SET enable_progress_bar = false")  # a job reports its own progress
        if self.threads:
            conn.execute(f"SET threads = {int(self.threads)}")
        return conn

    def match_persons(self, rows: Sequence[PersonRow]) -> PersonMatches:
        """Train the person model by EM on these rows and score their candidate pairs."""
        if len(rows) < 2:
            return PersonMatches([], None)
        conn = self._connection()
        table = _arrow_table([r.as_dict() for r in rows])
        if not _any_sure_pair(conn, table):
            # No pair the near-certain rules admit: the chance that two mentions are one
            # person cannot be estimated (Splink would take the log of zero), so nothing
            # is matched. A store of bookings alone has no ages or fathers to be sure by.
            conn.close()
            return PersonMatches([], None)
        api = DuckDBAPI(connection=conn)
        frame = api.register(table, dataset_display_name="person_mentions")
        # Splink warns of levels it could not train on small data; the model copes (priors).
        linker = Linker(frame, persons.settings(), log_level=logging.ERROR)
        _train(linker, len(rows))
        found = _kept_pairs(linker.inference.predict(warning_mode="never"))
        model = linker.misc.save_model_to_json()
        conn.close()
        return PersonMatches(found, model)

    def match_new_persons(
        self, model: dict[str, Any], known: Sequence[PersonRow], new: Sequence[PersonRow]
    ) -> list[ScoredPair]:
        """Score new rows against known rows and each other with a trained model, no training.

        Pairs are found by the model's own blocking rules; how common a name is counts
        over known and new rows together, as in a batch run over them all.
        """
        if not new:
            return []
        conn = self._connection()
        api = DuckDBAPI(connection=conn)
        new_frame = api.register(_arrow_table([r.as_dict() for r in new]),
                                 dataset_display_name="new_person_mentions")
        everyone = api.register(_arrow_table([r.as_dict() for r in [*known, *new]]),
                                dataset_display_name="person_mentions")
        linker = Linker(everyone, model, log_level=logging.ERROR)
        linker.table_management.compute_tf_table("name")
        found = []
        if known:
            known_frame = api.register(_arrow_table([r.as_dict() for r in known]),
                                       dataset_display_name="known_person_mentions")
            found += _kept_pairs(linker.inference.predict_between(
                known_frame, new_frame, warning_mode="never"))
        if len(new) > 1:
            found += _kept_pairs(linker.inference.predict_within(new_frame, warning_mode="never"))
        conn.close()
        return found

    def cluster_templates(self, ads: Iterable[tuple[str, str]]) -> dict[str, str]:
        """Ad templates by MinHash LSH (see `kadiyan.resolve.templates`)."""
        from kadiyan.resolve.templates import cluster_templates

        return cluster_templates(ads)

    def components(self, edges: Iterable[tuple[str, str]]) -> list[list[str]]:
        """Connected components with igraph, largest first."""
        index: dict[str, int] = {}
        pairs = [(index.setdefault(a, len(index)), index.setdefault(b, len(index)))
                 for a, b in edges]
        graph = igraph.Graph(n=len(index), edges=pairs)
        names = list(index)
        found = [sorted(names[i] for i in members) for members in graph.connected_components()]
        found.sort(key=lambda c: (-len(c), c[0]))
        return found


    def communities(
        self, edges: Iterable[tuple[str, str, float]], resolution: float
    ) -> list[list[str]]:
        """Leiden communities (fixed seed) of the configuration model at a scaled resolution.

        Modularity with resolution γ joins two groups when the edges between them weigh
        more than γ·S_a·S_b / 2m (S: a group's total weighted degree, m: the graph's total
        weight). With γ = resolution·2m that bar is resolution·S_a·S_b whatever the size
        of the graph: plain modularity (γ = 1) lowers it as the store grows, and joins
        ever more loosely tied groups (its resolution limit).
        """
        import leidenalg

        index: dict[str, int] = {}
        pairs, weights = [], []
        for a, b, w in edges:
            pairs.append((index.setdefault(a, len(index)), index.setdefault(b, len(index))))
            weights.append(w)
        graph = igraph.Graph(n=len(index), edges=pairs)
        graph.es["weight"] = weights
        partition = leidenalg.find_partition(
            graph, leidenalg.RBConfigurationVertexPartition, weights="weight",
            resolution_parameter=resolution * 2 * sum(weights), seed=LEIDEN_SEED,
        )
        names = list(index)
        found = [sorted(names[i] for i in members) for members in partition if members]
        found.sort(key=lambda c: (-len(c), c[0]))
        return found


def _arrow_table(rows: list[dict[str, Any]]) -> Any:
    import pyarrow as pa

    schema = pa.schema([
        ("uid", pa.string()), ("record_id", pa.string()), ("record_kind", pa.string()),
        ("role", pa.string()), ("label", pa.string()), ("name", pa.string()),
        ("name_sorted", pa.string()), ("first", pa.string()), ("last", pa.string()),
        ("name_compact", pa.string()), ("name_sound", pa.string()),
        ("aliases", pa.list_(pa.string())),
        ("father", pa.string()), ("birth_year", pa.int32()), ("home", pa.string()),
        ("district", pa.string()), ("phones", pa.list_(pa.string())),
        ("network", pa.string()), ("all_names", pa.list_(pa.string())),
        ("phone", pa.string()),
    ])
    return pa.Table.from_pylist(rows, schema=schema)


def _kept_pairs(predictions: Any) -> list[ScoredPair]:
    """What the engine keeps of Splink's predictions (see `Engine.match_persons`).

    Candidate merges, and pairs whose evidence says they are two people: those keep
    clusters from chaining one person's namesake into another's. Only merges carry their
    reasons (they are kept and shown); the others only keep clusters apart.
    """
    scored = predictions.as_duckdbpyrelation()
    detail = [c for c in scored.columns if c.startswith(("mw_", "gamma_"))]
    merges = scored.filter(persons.MERGE_SQL).select(
        ", ".join(["uid_l", "uid_r", "match_weight", "match_probability", *detail]))
    columns = merges.columns
    found = []
    for values in merges.fetchall():
        row = dict(zip(columns, values, strict=True))
        a, b = sorted((row["uid_l"], row["uid_r"]))
        reasons = tuple(Reason(*r) for r in persons.reasons_of(row))
        found.append(ScoredPair(a, b, float(row["match_weight"]),
                                float(row["match_probability"]), reasons))
    apart = scored.filter(persons.APART_SQL).select(
        "least(uid_l, uid_r), greatest(uid_l, uid_r), match_weight, match_probability")
    found += [ScoredPair(a, b, float(w), float(p), ()) for a, b, w, p in apart.fetchall()]
    return found


def _any_sure_pair(conn: duckdb.DuckDBPyConnection, table: Any) -> bool:
    """Whether any two rows meet one of the near-certain rules (`persons.DETERMINISTIC_RULES`)."""
    conn.register("sure_pair_rows", table)
    try:
        return any(
            conn.execute(f"SELECT 1 FROM sure_pair_rows l JOIN sure_pair_rows r "
                         f"ON l.uid < r.uid AND {rule} LIMIT 1").fetchall()
            for rule in persons.DETERMINISTIC_RULES
        )
    finally:
        conn.unregister("sure_pair_rows")


def _train(linker: Linker, n_rows: int) -> None:
    """Estimate λ from near-certain rules, u by random sampling, m by EM on two blocks."""
    training = linker.training
    training.estimate_probability_two_random_records_match(
        list(persons.DETERMINISTIC_RULES), recall=persons.DETERMINISTIC_RECALL
    )
    training.estimate_u_using_random_sampling(max_pairs=2_000_000, seed=1)
    if n_rows < MIN_ROWS_TO_TRAIN:
        return
    for block in persons.TRAINING_BLOCKS:
        training.estimate_parameters_using_expectation_maximisation(block)
