"""The `sigap` command as a newcomer meets it."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from bot.cli import main
from bot.settings import SettingsError, load_settings

ROOT = Path(__file__).resolve().parents[2]


def run_sigap(*args: str, cwd: Path, **env: str) -> subprocess.CompletedProcess[str]:
    clean = {k: v for k, v in os.environ.items() if not k.startswith("SIGAP_")}
    return subprocess.run(
        [sys.executable, "-m", "bot.cli", *args],
        cwd=cwd,
        capture_output=True,
        text=True,
        env={**clean, "PYTHONPATH": str(ROOT), **env},
        timeout=60,
        check=False,
    )


def test_help_lists_the_subcommands(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exited:
        main(["--help"])

    out = capsys.readouterr().out
    assert exited.value.code == 0
    for command in ("run", "demo", "shell", "seed", "db", "faq"):
        assert command in out


def test_run_without_token_stops_with_one_clear_line(tmp_path: Path) -> None:
    result = run_sigap("run", cwd=tmp_path)

    assert result.returncode == 2
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1
    assert "SIGAP_BOT_TOKEN" in lines[0] and "make demo" in lines[0]


def test_invalid_setting_names_it_and_what_is_expected(tmp_path: Path) -> None:
    result = run_sigap("run", cwd=tmp_path, SIGAP_TIMEZONE="Mars/Olympus")

    assert result.returncode == 2
    assert "SIGAP_TIMEZONE" in result.stderr and "Asia/Jakarta" in result.stderr


def test_admin_ids_are_read_from_a_comma_separated_list() -> None:
    settings = load_settings(_env_file=None, admin_ids="111, 222")

    assert settings.admin_ids == (111, 222)


def test_bad_webhook_port_is_refused() -> None:
    with pytest.raises(SettingsError, match="SIGAP_WEBHOOK_PORT"):
        load_settings(_env_file=None, webhook_port=70000)


def test_demo_prints_a_transcript_with_a_ticket(tmp_path: Path) -> None:
    (tmp_path / "seed").symlink_to(ROOT / "seed")

    result = run_sigap("demo", "--database", str(tmp_path / "demo.db"), cwd=tmp_path)

    assert result.returncode == 0, result.stderr
    assert "Sari Wulandari:" in result.stdout
    assert "Sigap → grup petugas:" in result.stdout
    assert "Yohanes Marpaung (grup):" in result.stdout
    table = result.stdout.split("=== Tiket")[-1]
    assert "GGN-2026-000001" in table and "closed" in table and "★★★★★" in table
    assert " INFO " not in result.stdout  # the transcript is not drowned in log lines


def test_shell_chats_as_a_requester_and_ends_at_end_of_input(tmp_path: Path) -> None:
    (tmp_path / "seed").symlink_to(ROOT / "seed")
    script = (
        "/start\n:tap Pakai nama\n:tap Masyarakat\n:tap setuju\n"
        "gmn kalo lupa password email dinas?\n"
    )

    result = subprocess.run(
        [sys.executable, "-m", "bot.cli", "shell", "--database", str(tmp_path / "shell.db")],
        cwd=tmp_path,
        input=script,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
        env={
            **{k: v for k, v in os.environ.items() if not k.startswith("SIGAP_")},
            "PYTHONPATH": str(ROOT),
        },
    )

    assert result.returncode == 0, result.stderr
    assert "Terima kasih, Dewi! Profil Anda sudah tersimpan" in result.stdout
    assert "💡" in result.stdout  # the question was answered from the FAQ
