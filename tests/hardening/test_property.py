"""Property tests: validating never breaks, and whatever validates plays through to a debrief.

Two sources of documents: mutations of the shipped incidents (`incidents/`) and the test fixture
(replace any value with an odd one, drop a key, duplicate or empty a list), and incidents built
from scratch out of random signals, effects, alerts and small physics systems. For each,
validation must return problems rather than raise (and never an "internal error"); a document
that validates must play headless, on the ideal path and on a random sequence of actions, to a
debrief that renders as text and as JSON.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import yaml
from hardening_helpers import hang_guard
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st

from triage.authoring.validation import validate_incident_document
from triage.engine import actions as act
from triage.engine.debrief import build_debrief, ideal_actions, play_actions
from triage.engine.debrief_text import render_debrief_text
from triage.engine.session import ActionError, Session
from triage.model.yamlsource import YamlError, load_yaml_text

REPO = Path(__file__).resolve().parent.parent.parent
BASES = sorted([*(REPO / "incidents").glob("*.yaml"), REPO / "tests/fixtures/shapes_only.yaml"])
SETTINGS = settings(max_examples=40, deadline=None, derandomize=False,
                    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])


def _base(path: Path) -> Any:
    try:
        return yaml.safe_load(path.read_text(encoding="utf-8"))
    except (OSError, yaml.YAMLError):  # an incident file someone is still writing
        return None


BASE_DATA = [data for data in map(_base, BASES) if isinstance(data, dict)]

ODD_VALUES = st.sampled_from([
    0, -1, 1, -5, 99, 10_000_000, 2**63, 1e300, -1e300, 1e12, 1e-9, 0.5, -0.0, True, False, None,
    "", "-5m", "0s", "0m", "1m", "1000000h", "1e999", "[bold]x[/]", "\x1b[31mred\x07",
    "x" * 3000, [], {}, [0, 0], [5, 1], ["1m", "0m"], [1, 2, 3], {"kind": "step"}, {"a": 1},
    "triage/incident@1", "ops", "resolves", "harmful", "spike", "training",
])
VALUES = st.one_of(
    ODD_VALUES, st.integers(), st.floats(allow_nan=False, allow_infinity=False),
    st.text(max_size=12), st.lists(st.integers(-5, 5), max_size=3),
)


def _paths(node: Any, prefix: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    found = [prefix] if prefix else []
    if isinstance(node, dict):
        for key, value in node.items():
            found += _paths(value, (*prefix, key))
    elif isinstance(node, list):
        for index, value in enumerate(node):
            found += _paths(value, (*prefix, index))
    return found


def _mutate(data: Any, path: tuple[Any, ...], op: str, value: Any) -> None:
    parent = data
    for part in path[:-1]:
        parent = parent[part]
    last = path[-1]
    if op == "replace":
        parent[last] = value
    elif op == "delete":
        del parent[last]
    elif op == "duplicate" and isinstance(parent, list):
        parent.insert(last, json.loads(json.dumps(parent[last])))
    elif op == "empty" and isinstance(parent[last], list | dict):
        parent[last] = type(parent[last])()


@st.composite
def mutated_incidents(draw: st.DrawFn) -> str:
    """A shipped incident with one to four values changed, keys dropped or lists altered."""
    data = json.loads(json.dumps(draw(st.sampled_from(BASE_DATA))))
    for _ in range(draw(st.integers(1, 4))):
        paths = _paths(data)
        if not paths:
            break
        op = draw(st.sampled_from(["replace", "replace", "replace", "delete", "duplicate",
                                   "empty"]))
        _mutate(data, draw(st.sampled_from(paths)), op, draw(VALUES))
    return yaml.safe_dump(data, sort_keys=False, allow_unicode=True)


# Sensible values: a built incident usually validates; `built_incidents` then spoils a third.
NUMBER = st.one_of(st.floats(-1e4, 1e4), st.integers(-100, 100))
DURATION = st.one_of(st.floats(-600, 600), st.sampled_from(["15m", "-2h", "90s", "0m", "1h30m",
                                                            "-30m", "0.5s"]))
RANGE = st.one_of(NUMBER, st.lists(NUMBER, min_size=2, max_size=2).map(sorted))
WHEN = st.one_of(DURATION, st.lists(st.floats(-120, 240), min_size=2, max_size=2).map(sorted))
LENGTH = st.one_of(st.floats(0.5, 600), st.sampled_from(["10m", "2h", "90s"]),
                   st.lists(st.floats(1, 240), min_size=2, max_size=2).map(sorted))
TEXT = st.text(st.characters(codec="utf-8", exclude_categories=["Cs"]), min_size=1,
               max_size=30)


@st.composite
def effects(draw: st.DrawFn) -> dict[str, Any]:
    kind = draw(st.sampled_from(["step", "ramp", "spike", "decay", "seasonality",
                                 "random_walk"]))
    effect: dict[str, Any] = {"kind": kind}
    if kind != "seasonality":
        effect["at"] = draw(WHEN)
    if kind in ("step", "ramp", "spike", "decay"):
        effect["by"] = draw(RANGE)
    required = {"ramp": "over", "seasonality": "amplitude", "random_walk": "sd"}.get(kind)
    extra = {"ramp": {"over": LENGTH}, "spike": {"width": LENGTH, "every": st.none() | LENGTH},
             "decay": {"half_life": LENGTH},
             "seasonality": {"period": LENGTH, "amplitude": RANGE, "phase": WHEN},
             "random_walk": {"sd": st.floats(0, 5)}}.get(kind, {})
    for key, strategy in extra.items():
        if key == required or draw(st.integers(0, 3)) == 0:
            value = draw(strategy)
            if value is not None:
                effect[key] = value
    return effect


SYSTEMS = st.sampled_from([
    ({"kind": "training", "features": 4, "informative": 2, "train_size": 64, "val_size": 32,
      "batch_size": 16, "onset_learning_rate": 0.6}, ["train_loss", "grad_norm", "val_loss"],
     {"learning_rate": 0.05}),
    ({"kind": "drift", "window": 50, "every": 15, "reference_size": 100,
      "features": [{"name": "a", "shift": 1.5}, {"name": "b", "categories": {"x": 1, "y": 2},
                                                  "drifted": {"x": 1, "z": 5}}]},
     ["psi_max", "psi.a", "js.b", "drifted_features"], {"retrain": True}),
    ({"kind": "calibration", "window": 100, "every": 15, "onset_temperature": 0.2},
     ["ece", "accuracy", "brier"], {"temperature": 1.0}),
    ({"kind": "delayed_accuracy", "label_delay": "30m", "window": "20m"},
     ["accuracy", "labels"], {"retrain": True}),
])


@st.composite
def built_incidents(draw: st.DrawFn) -> str:
    """An incident assembled from random parts; usually valid, sometimes subtly not."""
    dashboards = [{"id": "ops", "title": "Ops"}, {"id": "quality", "title": "Quality"}]
    signals = []
    for index in range(draw(st.integers(1, 5))):
        signal: dict[str, Any] = {"id": f"s{index}", "title": draw(TEXT),
                                  "dashboard": dashboards[index % 2]["id"], "baseline": draw(RANGE),
                                  "noise": draw(st.floats(0, 50)),
                                  "effects": draw(st.lists(effects(), max_size=3))}
        if draw(st.booleans()):
            low, high = sorted(draw(st.lists(NUMBER, min_size=2, max_size=2)))
            signal["clamp"] = [draw(st.sampled_from([low, None])), draw(st.sampled_from([high,
                                                                                        None]))]
        signals.append(signal)
    if len(signals) == 1:
        signals.append({**signals[0], "id": "s_other", "dashboard": "quality"})
    systems, overrides = {}, {}
    if draw(st.integers(0, 2)) > 0:
        spec, outputs, override = draw(SYSTEMS)
        systems["sys"] = json.loads(json.dumps(spec))  # the mutation below must not reach SYSTEMS
        overrides = {"sys": override}
        signals.append({"id": "phys", "title": "Physics", "dashboard": "ops",
                        "physics": f"sys.{draw(st.sampled_from(outputs))}",
                        "noise": draw(st.floats(0, 1))})
    ids = [s["id"] for s in signals]
    shapes = [s["id"] for s in signals if "physics" not in s]
    alerts = [{"name": f"Alert{n}", "signal": draw(st.sampled_from(ids)),
               draw(st.sampled_from(["above", "below"])): draw(NUMBER),
               "for": draw(st.sampled_from(["0m", "3m", "10m"])), "summary": draw(TEXT)}
              for n in range(draw(st.integers(1, 3)))]
    effect_kinds = draw(st.permutations(["resolves", "helps", "no_effect", "harmful"]))
    remediations = [{"id": f"r{n}", "text": draw(TEXT), "effect": kind,
                     # restores fades shape signals only (validate refuses a physics one)
                     "restores": draw(st.lists(st.sampled_from(shapes), max_size=2, unique=True)),
                     **({"physics": overrides} if overrides and n == 0 else {})}
                    for n, kind in enumerate(effect_kinds[: draw(st.integers(2, 4))])]
    data = {
        "schema": "triage/incident@1", "id": "built", "title": draw(TEXT),
        "pitfall": "llm_cost_latency", "difficulty": draw(st.integers(1, 5)),
        "service": draw(TEXT), "briefing": draw(TEXT),
        "timeline": {"duration": draw(st.sampled_from([30, 90, "6h", 720])),
                     "onset": draw(st.one_of(st.floats(0, 60), st.just([10, 20])))},
        "systems": systems, "dashboards": dashboards, "signals": signals, "alerts": alerts,
        "logs": [{"at": draw(WHEN), "message": draw(TEXT),
                  **({"every": draw(st.sampled_from(["5m", "1m", "30m"]))}
                     if draw(st.booleans()) else {})} for _ in range(draw(st.integers(0, 3)))],
        "changes": [{"at": draw(WHEN), "summary": draw(TEXT)}],
        "questions": [{"id": "q", "ask": draw(TEXT), "answer": draw(TEXT)}],
        "diagnoses": [{"id": "right", "text": draw(TEXT), "correct": True},
                      {"id": "wrong", "text": draw(TEXT)}],
        "remediations": remediations,
        "evidence": {"decisive": [draw(st.sampled_from(ids))], "supporting": ["logs"]},
        "hints": [{"text": draw(TEXT), "cost": draw(st.integers(0, 50))}],
        "debrief": {key: draw(TEXT) for key in ("saw", "meant", "monitor", "do")},
    }
    if draw(st.integers(0, 2)) == 0:
        _mutate(data, draw(st.sampled_from(_paths(data))), "replace", draw(VALUES))
    return yaml.safe_dump(data, sort_keys=False, allow_unicode=True)


@st.composite
def random_actions(draw: st.DrawFn, incident: Any) -> list[act.Action]:
    """Any sequence of actions, mostly naming things the incident has, some that it does not."""
    opened = [*incident.openable_ids(), "nothing"]
    choices = st.one_of(
        st.just(act.acknowledge()), st.just(act.hint()),
        st.sampled_from(opened).map(act.open_),
        st.sampled_from([q.id for q in incident.questions] + ["nope"]).map(act.ask),
        st.floats(-5, 300).map(act.wait),
        st.builds(act.diagnose, st.sampled_from([d.id for d in incident.diagnoses] + ["nope"]),
                  st.floats(0.3, 1.1)),
        st.lists(st.sampled_from([r.id for r in incident.remediations] + ["nope"]), min_size=1,
                 max_size=3).map(lambda ids: act.remediate(*ids)),
        st.just(act.Action("timeout")),
    )
    return draw(st.lists(choices, max_size=12))


def check_document(text: str, data: st.DataObject) -> None:
    """Validation returns problems or an incident; a valid incident plays to a debrief."""
    with hang_guard(60):  # a heavy physics incident plays in seconds; a busy machine triples it
        try:
            document = load_yaml_text(text, "generated.yaml")
        except YamlError as error:
            assert all(p.line >= 1 and p.col >= 1 for p in error.problems)
            event("refused by the YAML loader")
            return
        result = validate_incident_document(document, "generated.yaml")
        assert not any("internal error" in p.message for p in result.problems)
        assert all(p.line >= 1 and p.col >= 1 and p.message for p in result.problems)
        if result.problems or result.value is None:
            event("refused by validation")
            return
        event(f"valid, played ({'physics' if result.value.systems else 'shapes only'})")
        incident = result.value
        seed = data.draw(st.integers(0, 2**32), label="seed")
        ideal = play_actions(incident, seed, ideal_actions(incident, seed))
        _debrief(ideal)
        session = Session(incident, seed)
        for action in data.draw(random_actions(incident), label="actions"):
            if session.ended:
                break
            try:
                session.apply(action)
            except ActionError:
                pass  # a refused step is the game's answer, not a failure
        _debrief(session)


def _debrief(session: Session) -> None:
    debrief = build_debrief(session)
    assert 0 <= debrief.score <= 100
    assert render_debrief_text(debrief).startswith("DEBRIEF")
    json.dumps(debrief.as_json())


@SETTINGS
@given(mutated_incidents(), st.data())
def test_mutated_shipped_incidents_validate_or_play(text: str, data: st.DataObject) -> None:
    check_document(text, data)


@SETTINGS
@given(built_incidents(), st.data())
def test_built_incidents_validate_or_play(text: str, data: st.DataObject) -> None:
    check_document(text, data)


def test_the_generator_makes_valid_incidents_often_enough() -> None:
    """Guard the property above: it says little if nothing it builds ever validates."""
    valid = 0

    # Derandomised: the same 60 examples each run, so the count is a fact and not a coin toss
    # (30 random ones held 4 valid incidents once, though about half of what it builds is valid).
    @settings(max_examples=60, deadline=None, database=None, derandomize=True,
              suppress_health_check=[HealthCheck.too_slow])
    @given(built_incidents())
    def count(text: str) -> None:
        nonlocal valid
        try:
            document = load_yaml_text(text, "generated.yaml")
        except YamlError:
            return
        valid += validate_incident_document(document, "generated.yaml").value is not None

    count()
    assert valid >= 10, valid
