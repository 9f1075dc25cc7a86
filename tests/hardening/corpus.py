"""Hostile incident and plan files: the inputs a shared pack might carry, each built on demand.

`hostile_incidents()` and `hostile_plans()` map a short name to the bytes of one file. The
numeric cases start from `tests/fixtures/shapes_only.yaml` and change one field, so each file is
wrong in exactly one way. `benchmarks/bench_hostile.py` measures the same corpus.
"""

from __future__ import annotations

import copy
from collections.abc import Callable
from pathlib import Path
from typing import Any

import yaml

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures"
VALID_TEXT = (FIXTURES / "shapes_only.yaml").read_text(encoding="utf-8")
PWNED = "triage-hostile-pwned"
"""A file name the code-execution cases try to create in the working directory."""


def valid() -> dict[str, Any]:
    """A fresh copy of the valid fixture incident as plain data."""
    return copy.deepcopy(_VALID)


_VALID: dict[str, Any] = yaml.safe_load(VALID_TEXT)


def _dump(data: Any) -> bytes:
    return yaml.safe_dump(data, sort_keys=False, width=1000).encode()


def _edit(change: Callable[[dict[str, Any]], None]) -> Callable[[], bytes]:
    def build() -> bytes:
        data = valid()
        change(data)
        return _dump(data)

    return build


def _set(path: str, value: Any) -> Callable[[], bytes]:
    """A valid incident with the value at a dotted path (`signals.0.noise`) replaced."""

    def change(data: dict[str, Any]) -> None:
        *parents, last = [int(p) if p.isdigit() else p for p in path.split(".")]
        target: Any = data
        for part in parents:
            target = target[part]
        target[last] = value

    return _edit(change)


def _deep(levels: int, opener: str, closer: str) -> Callable[[], bytes]:
    return lambda: (b"schema: triage/incident@1\nid: x\nbriefing: " + opener.encode() * levels
                    + closer.encode() * levels + b"\n")


def _deep_block(levels: int) -> bytes:
    lines = [" " * i + f"k{i}:" for i in range(levels)]
    return ("\n".join(lines) + " 1\n").encode()


def _laughs() -> bytes:
    lines = ['a0: &a0 ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    for level in range(1, 10):
        refs = ",".join([f"*a{level - 1}"] * 9)
        lines.append(f"a{level}: &a{level} [{refs}]")
    return ("\n".join(lines) + "\nschema: triage/incident@1\n").encode()


def _big() -> bytes:
    block = "# " + "x" * 1021 + "\n"
    return VALID_TEXT.encode() + (block * (50 * 1024)).encode()


def _many_signals() -> bytes:
    data = valid()
    template = data["signals"][2]
    data["signals"] = [{**template, "id": f"s{i}"} for i in range(10_000)]
    return _dump(data)


def _many_steps() -> bytes:
    # a flat list of a million small numbers: nothing here is nested or aliased
    return VALID_TEXT.encode() + b"tags: [" + b"1," * 1_000_000 + b"1]\n"


def _with(extra: str) -> Callable[[], bytes]:
    return lambda: (VALID_TEXT + extra).encode()


INCIDENTS: dict[str, Callable[[], bytes]] = {
    # YAML and bytes
    "syntax-error": lambda: b"schema: triage/incident@1\nid: [unclosed\ntitle: x\n",
    "tabs": lambda: VALID_TEXT.replace("  duration: 6h", "\tduration: 6h").encode(),
    "duplicate-key": _with("title: A second title\n"),
    "python-object": lambda: (
        "schema: triage/incident@1\nid: !!python/object/apply:os.system "
        f"['touch {PWNED}']\n").encode(),
    "python-name": lambda: b"schema: !!python/name:os.system\n",
    "custom-tag": lambda: b"schema: triage/incident@1\nid: !custom x\n",
    "binary-tag": lambda: b"schema: triage/incident@1\nid: !!binary aGVsbG8=\n",
    "billion-laughs": _laughs,
    "deep-flow-lists": _deep(5000, "[", "]"),
    "deep-flow-maps": _deep(5000, "{a: ", "}"),
    "deep-block-maps": lambda: _deep_block(3000),
    "50mb": _big,
    "binary": lambda: bytes(range(256)) * 40,
    "non-utf8": lambda: VALID_TEXT.replace("Latency climbs", "Lat\xe9ncy climbs").encode("latin-1"),
    "utf16": lambda: VALID_TEXT.encode("utf-16"),
    "empty": lambda: b"",
    "only-comments": lambda: b"# nothing here\n",
    "top-level-list": lambda: b"- schema: triage/incident@1\n- id: x\n",
    "top-level-scalar": lambda: b"just a sentence\n",
    "several-documents": lambda: (VALID_TEXT + "---\n" + VALID_TEXT).encode(),
    "control-chars": lambda: VALID_TEXT.replace("Latency climbs", "Lat\x1b[31m climbs").encode(),
    "million-item-list": _many_steps,
    # numbers that make no sense
    "nan-noise": lambda: VALID_TEXT.replace("noise: 10", "noise: .nan").encode(),
    "inf-baseline": lambda: VALID_TEXT.replace("baseline: 420", "baseline: .inf").encode(),
    "huge-literal": lambda: VALID_TEXT.replace("baseline: 420", "baseline: 1e999").encode(),
    "negative-duration": _set("timeline.duration", "-5m"),
    "zero-duration": _set("timeline.duration", 0),
    "ten-million-minutes": _set("timeline.duration", 10_000_000),
    "million-hours": _set("timeline.duration", "1000000h"),
    "noise-1e300": _set("signals.0.noise", 1e300),
    "baseline-1e300": _set("signals.0.baseline", 1e300),
    "effect-by-1e308": _set("signals.1.effects.0.by", 1e308),
    "for-negative": _set("alerts.0.for", "-5m"),
    "difficulty-99": _set("difficulty", 99),
    "difficulty-negative": _set("difficulty", -1),
    "ten-thousand-signals": _many_signals,
    "onset-negative": _set("timeline.onset", "-100h"),
    "onset-range-absurd": _set("timeline.onset", [0, 1e300]),
    "par-negative": _set("timeline.par.acknowledge", "-5m"),
    "question-cost-absurd": _set("questions.0.cost", 1e300),
    "log-every-tiny": _set("logs.1.every", "0.0001s"),
    "log-at-absurd": _set("logs.0.at", 1e300),
    "spike-every-tiny": _set("signals.4.effects", [
        {"kind": "spike", "at": "0m", "by": 4, "width": "1m", "every": "0.000001s"}]),
    "spike-every-negative": _set("signals.4.effects", [
        {"kind": "spike", "at": "0m", "by": 4, "every": "-5m"}]),
    "seasonality-period-zero": _set("signals.4.effects", [
        {"kind": "seasonality", "period": 0, "amplitude": 1}]),
    "decay-half-life-negative": _set("signals.4.effects", [
        {"kind": "decay", "by": 4, "half_life": "-5m"}]),
    "ramp-over-negative": _set("signals.4.effects", [
        {"kind": "ramp", "over": "-30m", "by": 4}]),
    "random-walk-sd-1e300": _set("signals.4.effects", [
        {"kind": "random_walk", "sd": 1e300}]),
    "recovery-absurd": _set("remediations.0.recovery", 1e300),
    "clamp-reversed": _set("signals.0.clamp", [100, 0]),
    "hint-cost-absurd": _set("hints.0.cost", 10**12),
    "decimals-absurd": _set("signals.0.decimals", 10**6),
    "int-too-long": lambda: VALID_TEXT.replace("difficulty: 1", "difficulty: " + "9" * 5000)
    .encode(),
    "training-max-everything": _edit(lambda d: (
        d["timeline"].update(duration="168h"),
        d.update(systems={"trainer": {
            "kind": "training", "train_size": 20_000, "val_size": 4096, "features": 256,
            "steps_per_minute": 20, "batch_size": 1024}}),
        d["signals"].append({"id": "loss", "title": "Loss", "dashboard": "ops",
                             "physics": "trainer.train_loss"}))),
    "drift-max-everything": _edit(lambda d: (
        d["timeline"].update(duration="168h"),
        d.update(systems={"drift": {
            "kind": "drift", "window": 20_000, "every": "1m", "reference_size": 50_000,
            "bins": 50, "features": [{"name": f"f{i}"} for i in range(20)]}}),
        d["signals"].append({"id": "psi", "title": "PSI", "dashboard": "ops",
                             "physics": "drift.psi_max"}))),
    "calibration-max-everything": _edit(lambda d: (
        d["timeline"].update(duration="168h"),
        d.update(systems={"cal": {"kind": "calibration", "window": 20_000, "every": "1m",
                                  "bins": 50}}),
        d["signals"].append({"id": "ece", "title": "ECE", "dashboard": "ops",
                             "physics": "cal.ece"}))),
    "delayed-max-everything": _edit(lambda d: (
        d["timeline"].update(duration="168h"),
        d.update(systems={"acc": {"kind": "delayed_accuracy", "predictions_per_minute": 100_000,
                                  "window": "24h", "label_delay": 1e300}}),
        d["signals"].append({"id": "acc", "title": "Accuracy", "dashboard": "ops",
                             "physics": "acc.accuracy"}))),
    "max-logs-repeating": _edit(lambda d: d.update(
        timeline={"duration": "168h", "onset": "1h"},
        logs=[{"at": "-1h", "message": f"line {i}", "every": "1m"} for i in range(500)])),
}
"""Hostile incident files by name; each value builds the file's bytes."""

HEAVY: dict[str, Callable[[], bytes]] = {
    "max-signals-effects": _edit(lambda d: (
        d["timeline"].update(duration="168h"),
        d.update(signals=[{"id": f"s{i}", "title": "S", "dashboard": ("ops", "quality")[i % 2],
                           "baseline": 1,
                           "noise": 1, "effects": [{"kind": "random_walk", "sd": 1}] * 50}
                          for i in range(64)]),
        d["alerts"][0].update(signal="s0"),
        d["evidence"].update(decisive=["s1"], supporting=["changes"], red_herrings=[]),
        [r.update(restores=[], signal_effects=[]) for r in d["remediations"]])),
    "logs-near-limit": _edit(lambda d: d.update(
        timeline={"duration": "168h", "onset": "1h"},
        logs=[{"at": "0m", "message": f"line {i}", "every": "1m"} for i in range(9)])),
}
"""Valid incidents at the limits (every signal and effect, the most log lines): they must play."""


def _plan(rounds: list[dict[str, Any]], **extra: Any) -> bytes:
    data = {"schema": "triage/gameday@1", "title": "Hostile day", "teams": ["red", "blue"],
            "rounds": rounds, **extra}
    return _dump(data)


_ROUND = {"incident": "incident.yaml", "seed": 1, "time_limit": "10m"}

PLANS: dict[str, Callable[[], bytes]] = {
    "dirs-escape": lambda: _plan([_ROUND], incident_dirs=["../../etc"]),
    "dirs-absolute": lambda: _plan([_ROUND], incident_dirs=["/etc"]),
    "incident-escape": lambda: _plan([{**_ROUND, "incident": "../outside/incident.yaml"}]),
    "incident-absolute": lambda: _plan([{**_ROUND, "incident": "/etc/passwd.yaml"}]),
    "incident-escape-no-suffix": lambda: _plan([{**_ROUND, "incident": "../../etc/passwd"}]),
    "plan-billion-laughs": _laughs,
    "plan-python-object": lambda: (
        f"schema: triage/gameday@1\ntitle: !!python/object/apply:os.system ['touch {PWNED}']\n"
    ).encode(),
    "plan-time-limit-negative": lambda: _plan([{**_ROUND, "time_limit": "-5m"}]),
    "plan-seed-negative": lambda: _plan([{**_ROUND, "seed": -5}]),
    "plan-weight-nan": lambda: _plan([_ROUND]).replace(b"seed: 1", b"seed: 1\n  weight: .nan"),
    "plan-difficulty-99": lambda: _plan([{"pick": {"difficulty": 99}, "seed": 1,
                                          "time_limit": "10m"}]),
    "plan-empty": lambda: b"",
    "plan-list": lambda: b"- a\n- b\n",
}
"""Hostile game-day plans by name. A plan lives in `pack/` beside a valid `incident.yaml`."""


def write_pack(root: Path) -> Path:
    """A pack directory under `root` holding the valid incident; `root/outside` holds another."""
    pack = root / "pack"
    pack.mkdir(parents=True, exist_ok=True)
    (pack / "incident.yaml").write_text(VALID_TEXT, encoding="utf-8")
    outside = root / "outside"
    outside.mkdir(exist_ok=True)
    (outside / "incident.yaml").write_text(VALID_TEXT, encoding="utf-8")
    return pack


MARKUP = "[bold red]B[/] [link=https://evil.example]L[/link]"
"""Rich markup: must be printed as these very characters, never as bold text or a link."""
ESCAPES = ("\x1b[31mR\x1b[0m \x1b]8;;https://evil.example\x1b\\O\x1b]8;;\x1b\\ \x07\x9b2J"
           "\x08\r\x1bc")
"""CSI colours, an OSC 8 hyperlink, a bell, an 8-bit CSI clear-screen, backspace, CR, reset."""
HOSTILE = f"{MARKUP} {ESCAPES}"
SHORT = "[b]\x1b[5mS\x07"
"""For fields of 20 characters or fewer."""


def hostile_text_incident() -> bytes:
    """A valid incident whose every text field carries markup and terminal escapes.

    YAML cannot hold control characters raw, but a double-quoted `"\\e[31m"` escape puts one
    in the value; `yaml.safe_dump` writes exactly such escapes.
    """
    data = valid()
    data["title"] = HOSTILE[:100]
    data["service"] = HOSTILE[:60]
    data["tags"] = [SHORT]
    data["briefing"] = f"{HOSTILE}\n\n{HOSTILE}"
    for dashboard in data["dashboards"]:
        dashboard["title"] = SHORT
    for signal in data["signals"]:
        signal.update(title=HOSTILE[:80], unit=SHORT, description=HOSTILE)
    for alert in data["alerts"]:
        alert.update(summary=HOSTILE, runbook=HOSTILE)
    for log in data["logs"]:
        log.update(source=SHORT, message=HOSTILE)
    for change in data["changes"]:
        change.update(service=SHORT, author=SHORT, summary=HOSTILE)
    for question in data["questions"]:
        question.update(ask=HOSTILE, answer=HOSTILE)
    for option in data["diagnoses"] + data["remediations"]:
        option.update(text=HOSTILE, explanation=HOSTILE)
    for hint in data["hints"]:
        hint["text"] = HOSTILE
    data["debrief"] = {key: HOSTILE for key in ("saw", "meant", "monitor", "do", "ask")}
    return _dump(data)


def hostile_text_plan(incident_name: str) -> bytes:
    """A valid plan whose title, description and round titles carry markup and escapes."""
    return _plan([{"title": HOSTILE[:80], "incident": incident_name, "seed": 1,
                   "time_limit": "10m"}], title=HOSTILE[:100], description=HOSTILE)


ACTIONS: dict[str, bytes] = {
    "syntax-error": b"- acknowledge\n- [open\n",
    "a-mapping": b"acknowledge: true\n",
    "a-scalar": b"acknowledge\n",
    "empty": b"",
    "binary": bytes(range(256)),
    "python-object": f"- !!python/object/apply:os.system ['touch {PWNED}']\n".encode(),
    "billion-laughs": _laughs().replace(b"schema: triage/incident@1\n", b""),
    "deep": b"- " + b"[" * 3000 + b"]" * 3000 + b"\n",
    "sixty-thousand-steps": b"- wait: 1m\n" * 60_000,
    "wait-absurd": b"- wait: 1000000h\n",
    "wait-negative": b"- wait: -5m\n",
    "confidence-nan": b"- acknowledge\n- diagnose: prompt_bloat\n  confidence: .nan\n",
    "confidence-absurd": b"- acknowledge\n- diagnose: prompt_bloat\n  confidence: 1e300\n",
    "unknown-ids": b"- open: nothing\n- ask: nobody\n- remediate: [rm -rf]\n",
    "refused-at-play": b"- hint\n- hint\n- hint\n",
}
"""Hostile actions files for the valid fixture incident (`test-latency-regression`)."""
