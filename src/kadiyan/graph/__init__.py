"""Graph queries: neighbourhoods, evidence paths, components."""

from kadiyan.graph.components import Component, components
from kadiyan.graph.traverse import (
    Edge,
    Subgraph,
    neighbourhood,
    path_nodes,
    reachable,
    shortest_path,
)

__all__ = [
    "Component",
    "Edge",
    "Subgraph",
    "components",
    "neighbourhood",
    "path_nodes",
    "reachable",
    "shortest_path",
]
