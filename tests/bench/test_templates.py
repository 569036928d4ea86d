"""`kadiyan bench templates` scores a world's ads against its truth (no InfoShield here)."""

from __future__ import annotations

import json
from pathlib import Path

from typer.testing import CliRunner

from kadiyan.cli.main import app


def test_bench_templates_scores_the_demo_worlds_ads(demo_world: Path) -> None:
    result = CliRunner().invoke(app, ["bench", "templates", "--world", str(demo_world),
                                      "--limit", "300", "--workers", "0"])

    assert result.exit_code == 0, result.output
    report = json.loads(result.output)
    ours = report["kadiyan"]
    assert report["ads"] == 300 and 0 < ours["templates"] <= 300
    assert 0.0 < ours["vs_templates"]["ari"] <= 1.0
    assert ours["vs_templates"]["pair_precision"] >= 0.9  # a template joins like wordings
    assert "no InfoShield checkout" in report["infoshield"]["skipped"]
