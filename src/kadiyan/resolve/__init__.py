"""Resolution: mentions to entities, with the evidence for every link."""

from kadiyan.resolve.identifiers import resolve_record

__all__ = ["resolve_record"]
