"""The seam: batch jobs that any back end runs the same way.

Callers hand an engine plain rows and get plain results back; how the work is done
(DuckDB in this process, or a cluster) is the engine's business. A second back end (Spark)
implements the same protocol, runs the same Splink settings, and must give the same answer
on the same input, which the engine tests check for every engine available.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any, Protocol

from kadiyan.model import ScoredPair
from kadiyan.resolve.persons import PersonRow


@dataclass(frozen=True)
class PersonMatches:
    """The scored pairs of a batch run over person rows, and the model that scored them.

    `model` is Splink's model JSON (the same on every back end), kept so that new
    mentions can be scored between batch runs; None when nothing could be trained.
    """

    pairs: list[ScoredPair]
    model: dict[str, Any] | None


class Engine(Protocol):
    """A back end for the batch jobs of `kadiyan link`."""

    name: str

    def match_persons(self, rows: Sequence[PersonRow]) -> PersonMatches:
        """Train the person model on these rows and score their candidate pairs.

        Returned: pairs at or above the model's match threshold whose names agree
        (candidate merges) and pairs at or below its apart weight (evidence of two
        people), as `persons.MERGE_SQL` and `persons.APART_SQL` say; the rest drop.
        Only candidate merges carry their reasons. Where no two rows meet the model's
        near-certain rules (`persons.DETERMINISTIC_RULES`), nothing is returned: the
        chance that two mentions are one person cannot be estimated.
        """
        ...

    def match_new_persons(
        self, model: dict[str, Any], known: Sequence[PersonRow], new: Sequence[PersonRow]
    ) -> list[ScoredPair]:
        """Score the pairs of `new` rows with `known` rows and with each other, untrained.

        `model` is a `PersonMatches.model`; pairs are found by its blocking rules and
        kept as `match_persons` keeps them. Known rows are never paired with each other.
        """
        ...

    def cluster_templates(self, ads: Iterable[tuple[str, str]]) -> dict[str, str]:
        """Each ad's template id: near-duplicate texts share one, the oldest ad naming it."""
        ...

    def components(self, edges: Iterable[tuple[str, str]]) -> list[list[str]]:
        """Connected components of an undirected graph given by its edges."""
        ...

    def communities(
        self, edges: Iterable[tuple[str, str, float]], resolution: float
    ) -> list[list[str]]:
        """Communities of an undirected weighted graph, largest first, deterministic.

        Two groups of nodes are one community when the weight of the edges between them
        exceeds `resolution` times the product of their total weights (the sums of their
        nodes' weighted degrees): a bar that does not move with the size of the graph.
        """
        ...
