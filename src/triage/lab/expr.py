"""The PromQL subset a lab rule's `expr` may use, parsed and evaluated here.

    expr    := side CMP side                      CMP is >, <, >= or <=
    side    := factor (('*' | '/') factor)*
    factor  := NUMBER | ref | '(' side ')'
    ref     := SIGNAL [offset DURATION]
             | FUNC '(' SIGNAL '[' DURATION ']' [offset DURATION] ')'
    FUNC    := avg_over_time | max_over_time | min_over_time | delta

So `p95_latency_ms > 2000`, `avg_over_time(accuracy[1d]) < 0.9`, `delta(complaints[6h]) > 20`
and `cost_per_hour > 1.5 * avg_over_time(cost_per_hour[1d] offset 1w)` are rules; anything else
(`and`, `rate`, label matchers, `==`) is an `ExprError` that says where and what to write instead.
Durations are PromQL's: `30s`, `5m`, `2h`, `1d`, `1w`, or combined (`1h30m`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import numpy as np

FUNCTIONS = ("avg_over_time", "max_over_time", "min_over_time", "delta")
"""The range functions a rule may call."""
_TOKEN = re.compile(r"\s*(?:(?P<dur>\d+(?:\.\d+)?(?:ms|[smhdwy])(?:\d+(?:ms|[smhdwy]))*)(?![\w.])"
                    r"|(?P<num>(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?)"
                    r"|(?P<name>[A-Za-z_][A-Za-z0-9_.:]*)"
                    r"|(?P<str>\"[^\"]*\"|'[^']*')"
                    r"|(?P<op>>=|<=|==|!=|[<>*/()\[\]{}+\-,=~!]))")
_UNITS = {"ms": 1 / 60000, "s": 1 / 60, "m": 1.0, "h": 60.0, "d": 1440.0, "w": 10080.0,
          "y": 525600.0}
_COMPARISONS = (">", "<", ">=", "<=")


class ExprError(ValueError):
    """An expression outside the subset; `index` is where in the text the problem is."""

    def __init__(self, message: str, index: int) -> None:
        super().__init__(message)
        self.message, self.index = message, index


@dataclass(frozen=True)
class Ref:
    """A signal's value, or a range function of it, optionally shifted back by `offset`."""

    signal: str
    function: str | None = None
    window: float = 0.0
    offset: float = 0.0
    index: int = 0


@dataclass(frozen=True)
class Product:
    """Factors multiplied (`/` marks a divisor) left to right."""

    factors: tuple[tuple[str, float | Ref | Product], ...]


@dataclass(frozen=True)
class Condition:
    """A parsed `expr`: `left op right`."""

    left: Product
    op: str
    right: Product
    text: str

    @property
    def refs(self) -> list[Ref]:
        """Every signal reference, left to right."""
        found: list[Ref] = []

        def walk(product: Product) -> None:
            for _, factor in product.factors:
                if isinstance(factor, Ref):
                    found.append(factor)
                elif isinstance(factor, Product):
                    walk(factor)

        walk(self.left)
        walk(self.right)
        return found

    @property
    def signals(self) -> list[str]:
        """The signals it reads, in order, each once."""
        return list(dict.fromkeys(ref.signal for ref in self.refs))

    @property
    def looks_back(self) -> float:
        """The longest window plus offset it reads, in minutes."""
        return max((ref.window + ref.offset for ref in self.refs), default=0.0)


def parse_duration(text: str, index: int) -> float:
    """A PromQL duration (`5m`, `1h30m`, `1w`) in minutes."""
    parts = re.findall(r"(\d+(?:\.\d+)?)(ms|[smhdwy])", text)
    if not parts or "".join(n + u for n, u in parts) != text:
        raise ExprError(f"'{text}' is not a duration; write it like 5m, 2h, 1d or 1w", index)
    return sum(float(number) * _UNITS[unit] for number, unit in parts)


def _tokens(text: str) -> list[tuple[str, str, int]]:
    tokens, at = [], 0
    while at < len(text):
        if text[at:].strip() == "":
            break
        match = _TOKEN.match(text, at)
        if not match or match.end() == at:
            start = len(text) - len(text[at:].lstrip())
            raise ExprError(f"unexpected character {text[start]!r}", start)
        kind = match.lastgroup or "op"
        start = match.start(kind)
        tokens.append((kind, match.group(kind), start))
        at = match.end()
    tokens.append(("end", "", len(text)))
    return tokens


class _Parser:
    def __init__(self, text: str) -> None:
        self.text, self.tokens, self.at = text, _tokens(text), 0

    def peek(self) -> tuple[str, str, int]:
        return self.tokens[self.at]

    def take(self) -> tuple[str, str, int]:
        token = self.tokens[self.at]
        self.at += 1
        return token

    def expect(self, value: str, what: str) -> int:
        kind, text, index = self.take()
        if text != value:
            found = f"'{text}'" if text else "the end"
            raise ExprError(f"expected {what}, found {found}", index)
        return index

    def condition(self) -> Condition:
        left = self.side()
        kind, op, index = self.take()
        if op in ("==", "!="):
            raise ExprError(f"'{op}' compares exactly; a signal is rarely exactly a value: use "
                            "> or <", index)
        if op not in _COMPARISONS:
            found = f"'{op}'" if op else "the end"
            raise ExprError(f"expected a comparison (>, <, >= or <=), found {found}", index)
        right = self.side()
        kind, word, index = self.take()
        if kind != "end":
            hint = (": one condition per rule; write two rules" if word in ("and", "or", "unless")
                    else "")
            raise ExprError(f"unexpected '{word}' after the comparison{hint}", index)
        return Condition(left, op, right, self.text)

    def side(self) -> Product:
        factors: list[tuple[str, float | Ref | Product]] = [("*", self.factor())]
        while self.peek()[1] in ("*", "/"):
            op = self.take()[1]
            factors.append((op, self.factor()))
        return Product(tuple(factors))

    def factor(self) -> float | Ref | Product:
        kind, text, index = self.take()
        if text == "-" and self.peek()[0] == "num":
            return -float(self.take()[1])
        if kind == "num":
            return float(text)
        if text == "(":
            inner = self.side()
            self.expect(")", "')'")
            return inner
        if kind == "name":
            return self.ref(text, index)
        if kind == "dur":
            raise ExprError(f"'{text}' is a duration; a threshold is a plain number", index)
        found = f"'{text}'" if text else "the end"
        raise ExprError(f"expected a signal, a function or a number, found {found}", index)

    def ref(self, name: str, index: int) -> Ref:
        if self.peek()[1] == "(":
            return self.call(name, index)
        if self.peek()[1] == "{":
            raise ExprError("label matchers ({...}) are not part of the lab's subset; each "
                            "signal is one series", self.peek()[2])
        if self.peek()[1] == "[":
            raise ExprError(f"a range [..] needs a function around it, like "
                            f"avg_over_time({name}[1h])", self.peek()[2])
        return Ref(name, offset=self.offset(), index=index)

    def call(self, name: str, index: int) -> Ref:
        if name not in FUNCTIONS:
            from triage.model.problems import did_you_mean

            hint = (": every lab signal is a gauge, and rate() is for counters; use "
                    "delta(signal[1h]) for its change over a window" if name in ("rate", "irate",
                                                                                "increase")
                    else did_you_mean(name, FUNCTIONS))
            raise ExprError(f"unknown function '{name}'{hint}; the subset has "
                            f"{', '.join(FUNCTIONS)}", index)
        self.expect("(", "'('")
        kind, signal, at = self.take()
        if kind != "name":
            raise ExprError(f"{name}() takes a signal and a range, like {name}(signal[1h])", at)
        self.expect("[", f"a range after '{signal}', like [1h]")
        kind, text, dur_at = self.take()
        if kind not in ("dur", "num"):
            raise ExprError(f"expected a duration like 1h, found '{text}'", dur_at)
        window = parse_duration(text, dur_at) if kind == "dur" else -1.0
        if window <= 0:
            raise ExprError("a range is a duration above zero, with a unit: 5m, 1h, 1d", dur_at)
        self.expect("]", "']'")
        offset = self.offset()
        self.expect(")", "')'")
        return Ref(signal, name, window, offset, at)

    def offset(self) -> float:
        if self.peek()[1] != "offset":
            return 0.0
        self.take()
        kind, text, index = self.take()
        if kind != "dur":
            raise ExprError("offset takes a duration, like 'offset 1w'", index)
        return parse_duration(text, index)


def parse_expr(text: str) -> Condition:
    """Parse `text`, or raise ExprError with the index of the problem."""
    condition = _Parser(text).condition()
    if not condition.refs:
        raise ExprError("the condition reads no signal; name one, like p95_latency_ms > 2000", 0)
    return condition


def _steps(minutes: float, step: float) -> int:
    return max(1, int(round(minutes / step)))


def _shift(values: np.ndarray, steps: int) -> np.ndarray:
    if steps <= 0:
        return values
    out = np.full_like(values, np.nan)
    out[steps:] = values[:-steps] if steps < len(values) else out[steps:]
    return out


def _ref_values(ref: Ref, series: dict[str, np.ndarray], step: float) -> np.ndarray:
    values = series[ref.signal]
    if ref.function is not None:
        width = _steps(ref.window, step)
        if ref.function == "delta":
            values = values - _shift(values, width)
        else:
            padded = np.concatenate([np.full(width - 1, np.nan), values])
            windows = np.lib.stride_tricks.sliding_window_view(padded, width)
            reduce = {"avg_over_time": np.nanmean, "max_over_time": np.nanmax,
                      "min_over_time": np.nanmin}[ref.function]
            with np.errstate(all="ignore"):
                import warnings

                with warnings.catch_warnings():
                    warnings.simplefilter("ignore", RuntimeWarning)
                    values = reduce(windows, axis=1)
    return _shift(values, _steps(ref.offset, step) if ref.offset else 0)


def _product(product: Product, series: dict[str, np.ndarray], step: float,
             size: int) -> np.ndarray:
    total = np.ones(size)
    for op, factor in product.factors:
        if isinstance(factor, Ref):
            value = _ref_values(factor, series, step)
        elif isinstance(factor, Product):
            value = _product(factor, series, step, size)
        else:
            value = np.full(size, factor)
        with np.errstate(divide="ignore", invalid="ignore"):
            total = total * value if op == "*" else total / value
    return total


def evaluate(condition: Condition, series: dict[str, np.ndarray], step: float) -> np.ndarray:
    """A boolean per history step: does the condition hold? (A step whose window reaches before
    the history, or divides by zero, does not hold.)"""
    size = len(next(iter(series.values())))
    left = _product(condition.left, series, step, size)
    right = _product(condition.right, series, step, size)
    with np.errstate(invalid="ignore"):
        compare = {">": np.greater, "<": np.less, ">=": np.greater_equal,
                   "<=": np.less_equal}[condition.op]
        holds = compare(left, right)
    return holds & np.isfinite(left) & np.isfinite(right)
