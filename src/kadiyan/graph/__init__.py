"""Graph queries: neighbourhoods, evidence paths, components, brokers, linked cases."""

from kadiyan.graph.analytics import Broker, LinkedCase, brokers, linked_cases
from kadiyan.graph.components import Component, components
from kadiyan.graph.traverse import (
    Edge,
    PathSearch,
    Subgraph,
    find_path,
    neighbourhood,
    path_nodes,
    reachable,
    shortest_path,
)

__all__ = [
    "Broker",
    "LinkedCase",
    "brokers",
    "linked_cases",
    "Component",
    "Edge",
    "PathSearch",
    "Subgraph",
    "components",
    "find_path",
    "neighbourhood",
    "path_nodes",
    "reachable",
    "shortest_path",
]
