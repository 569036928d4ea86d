"""A deterministic synthetic world with ground truth, for the demo, the tests and benchmarks.

    from kadiyan.scenario import generate
    summary = generate("demo", seed=1, out=Path("world"))

writes the files a user ingests (ads, case reports, bookings, call records, missing-person
reports, photos) and `truth.jsonl`, which says for every record which operation, persons,
victims, phones, e-mails, handles and base photos it really involves. See `generate`.
"""

from kadiyan.scenario.calls import FORMATS as CALL_FORMATS
from kadiyan.scenario.sizes import SIZES, Size
from kadiyan.scenario.writer import WorldSummary, generate

__all__ = ["CALL_FORMATS", "SIZES", "Size", "WorldSummary", "generate"]
