"""A subgraph as GEXF 1.3, the format Gephi and other graph tools read.

Nodes carry their label and kind, edges their link kind (as the edge label and an
attribute), so a graph explored in Kadiyan opens in Gephi as it was seen.
"""

from __future__ import annotations

from collections.abc import Iterable
from xml.etree import ElementTree as ET

NAMESPACE = "http://gexf.net/1.3"


def gexf(
    nodes: Iterable[tuple[str, str, str]], edges: Iterable[tuple[str, str, str]],
    description: str = "",
) -> str:
    """GEXF text for nodes (id, kind, label) and edges (source, kind, target).

    Edges whose ends are not among the nodes are left out; each edge appears once.
    """
    ET.register_namespace("", NAMESPACE)
    root = ET.Element(f"{{{NAMESPACE}}}gexf", {"version": "1.3"})
    meta = ET.SubElement(root, f"{{{NAMESPACE}}}meta")
    ET.SubElement(meta, f"{{{NAMESPACE}}}creator").text = "Kadiyan"
    ET.SubElement(meta, f"{{{NAMESPACE}}}description").text = description
    graph = ET.SubElement(root, f"{{{NAMESPACE}}}graph", {"defaultedgetype": "directed"})
    for cls, title in (("node", "kind"), ("edge", "kind")):
        attributes = ET.SubElement(graph, f"{{{NAMESPACE}}}attributes", {"class": cls})
        ET.SubElement(attributes, f"{{{NAMESPACE}}}attribute",
                      {"id": "0", "title": title, "type": "string"})
    node_list = ET.SubElement(graph, f"{{{NAMESPACE}}}nodes")
    known: set[str] = set()
    for node_id, kind, label in nodes:
        if node_id in known:
            continue
        known.add(node_id)
        node = ET.SubElement(node_list, f"{{{NAMESPACE}}}node", {"id": node_id, "label": label})
        _kind(node, kind)
    edge_list = ET.SubElement(graph, f"{{{NAMESPACE}}}edges")
    seen: set[tuple[str, str, str]] = set()
    for source, kind, target in edges:
        if source not in known or target not in known or (source, kind, target) in seen:
            continue
        seen.add((source, kind, target))
        edge = ET.SubElement(edge_list, f"{{{NAMESPACE}}}edge", {
            "id": str(len(seen)), "source": source, "target": target, "label": kind})
        _kind(edge, kind)
    return ET.tostring(root, encoding="unicode", xml_declaration=True)


def _kind(element: ET.Element, kind: str) -> None:
    values = ET.SubElement(element, f"{{{NAMESPACE}}}attvalues")
    ET.SubElement(values, f"{{{NAMESPACE}}}attvalue", {"for": "0", "value": kind})
