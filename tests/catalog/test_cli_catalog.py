"""`sigap catalog import|export FILE` as a coordinator runs it from the shell."""

from __future__ import annotations

from pathlib import Path

import yaml

from tests.bot.test_cli import ROOT, run_sigap


def test_import_export_import_gives_back_the_same_file(tmp_path: Path) -> None:
    database = {"SIGAP_DATABASE_URL": f"sqlite+aiosqlite:///{tmp_path / 'sigap.db'}"}
    first, second = tmp_path / "first.yaml", tmp_path / "second.yaml"

    imported = run_sigap(
        "catalog", "import", str(ROOT / "seed/services.yaml"), cwd=tmp_path, **database
    )
    exported = run_sigap("catalog", "export", str(first), cwd=tmp_path, **database)
    again = run_sigap("catalog", "import", str(first), cwd=tmp_path, **database)
    run_sigap("catalog", "export", str(second), cwd=tmp_path, **database)

    assert imported.returncode == 0, imported.stderr
    assert "imported 2 catalogs" in imported.stdout
    assert exported.returncode == 0 and again.returncode == 0, again.stderr
    assert second.read_text(encoding="utf-8") == first.read_text(encoding="utf-8")
    codes = [entry["code"] for entry in yaml.safe_load(first.read_text())["services"]]
    assert "email-dinas" in codes and len(codes) == len(set(codes))


def test_a_missing_file_is_one_clear_line(tmp_path: Path) -> None:
    database = {"SIGAP_DATABASE_URL": f"sqlite+aiosqlite:///{tmp_path / 'sigap.db'}"}

    result = run_sigap("catalog", "import", "tidak-ada.yaml", cwd=tmp_path, **database)

    assert result.returncode == 2
    assert result.stderr.strip().startswith("sigap catalog import:")
    assert "tidak-ada.yaml" in result.stderr
