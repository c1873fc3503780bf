"""Parameter machinery: sourced, unit-annotated, validated parameter sets.

Every model parameter is a :class:`Param` carrying its value, its unit, where
the value comes from (a paper and location, another parameter set, or an
explicit ``"assumption: <reason>"``) and the name of a validation rule from
:data:`RULES`. A :class:`ParameterSet` groups parameters with cross-parameter
:class:`Constraint` objects, validates them all at once with messages a user
can act on, and converts them to :class:`pybamm.ParameterValues`.

PyBaMM is imported only inside :meth:`ParameterSet.to_pybamm`.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING, Any

from sim.errors import ParameterError
from sim.expressions import INPUT
from sim.parameter_rules import (  # noqa: F401  (re-exported)
    RULES,
    Constraint,
    Rule,
    _is_number,
    _suggest,
    format_value,
    register_rule,
)

OVERRIDE_SUFFIX = " (overridden by user)"
"""Appended to the source of a parameter whose value was changed by the user."""

Completion = Callable[["pybamm.ParameterValues", "ParameterSet"], None]
"""``completion(values, parameter_set)``: adds to ``values`` (in place) what a
model needs beyond the set's own parameters: the equilibrium start state, the
nominal capacity, ``"Current function [A]"``, PyBaMM's standard names."""

if TYPE_CHECKING:
    import pybamm


@dataclass(frozen=True)
class Param:
    """One parameter value with its unit, source and validation rule.

    Attributes:
        value: A number, a callable (e.g. an open-circuit potential curve), a
            string (e.g. a data file name) or ``"[input]"`` to make it a
            PyBaMM input parameter.
        unit: Unit in PyBaMM notation, e.g. ``"m"``, ``"mol.m-3"``, ``"V"``;
            ``"-"`` for dimensionless values.
        source: Where the value comes from, e.g. ``"Qiu2021 text after Eq. 1"``,
            or ``"assumption: <reason>"``. Must not be empty.
        check: Name of the validation rule in :data:`RULES`.
        description: Optional explanation of the parameter.
    """

    value: Any
    unit: str
    source: str
    check: str = "any"
    description: str = ""

    def __post_init__(self) -> None:
        """Reject parameters without a source or with an unknown rule."""
        if not isinstance(self.source, str) or not self.source.strip():
            raise ValueError("every Param needs a non-empty source")
        if self.check not in RULES:
            raise ValueError(
                f"unknown validation rule {self.check!r}; "
                f"known rules: {', '.join(sorted(RULES))}"
            )

    def problem(self) -> str | None:
        """Return why the value breaks its rule, or None if it is allowed.

        ``"[input]"`` values are always allowed: they are set at solve time.
        """
        rule = RULES[self.check]
        if isinstance(self.value, str) and self.value == INPUT:
            return None
        if rule.numeric:
            if not _is_number(self.value):
                kind = "function" if callable(self.value) else type(self.value).__name__
                return f"expected a number but got a {kind}; {rule.description}"
            if not math.isfinite(float(self.value)):
                return rule.description
        try:
            allowed = bool(rule.test(self.value))
        except (TypeError, ValueError, ArithmeticError):  # cannot judge: reject
            allowed = False
        return None if allowed else rule.description


class ParameterSet:
    """A named, cited collection of :class:`Param` objects.

    Args:
        name: Short name of the set, used in error messages.
        description: One-line description.
        params: Parameters by PyBaMM name, e.g. ``"Negative electrode porosity"``.
        citations: References the values come from.
        constraints: Conditions linking several parameters.

    Raises:
        TypeError: If a value is not a :class:`Param` (programming error).
        ValueError: If a constraint refers to a parameter that is not in the
            set (programming error).
    """

    def __init__(
        self,
        name: str,
        description: str,
        params: Mapping[str, Param],
        citations: Iterable[str] = (),
        constraints: Iterable[Constraint] = (),
        model_options: Mapping[str, Any] | None = None,
        completion: Completion | None = None,
    ) -> None:
        self.name = name
        self.description = description
        self._params: dict[str, Param] = dict(params)
        self.citations: list[str] = list(citations)
        self.constraints: list[Constraint] = list(constraints)
        # model options the material needs (e.g. no surface storage for bulk Sb)
        self.model_options: dict[str, Any] = dict(model_options or {})
        # what the set's model needs beyond the parameters (start state, ...)
        self.completion: Completion | None = completion
        for key, param in self._params.items():
            if not isinstance(param, Param):
                raise TypeError(
                    f"parameter {key!r} in set {name!r} is not a Param: {param!r}"
                )
        for constraint in self.constraints:
            missing = [n for n in constraint.names if n not in self._params]
            if missing:
                raise ValueError(
                    f"constraint {constraint.description!r} refers to unknown "
                    f"parameters {missing} in set {name!r}"
                )

    # -- mapping-like access -------------------------------------------------

    def __getitem__(self, name: str) -> Any:
        """Return the value of parameter ``name``."""
        return self.param(name).value

    def param(self, name: str) -> Param:
        """Return the :class:`Param` called ``name``.

        Raises:
            ParameterError: If there is no such parameter.
        """
        try:
            return self._params[name]
        except KeyError:
            raise ParameterError(self._unknown_message([name])) from None

    def names(self) -> list[str]:
        """Return the parameter names in definition order."""
        return list(self._params)

    def as_dict(self) -> dict[str, Any]:
        """Return ``{name: value}`` for all parameters."""
        return {name: p.value for name, p in self._params.items()}

    def __contains__(self, name: object) -> bool:
        """Return whether a parameter called ``name`` exists."""
        return name in self._params

    def __len__(self) -> int:
        """Return the number of parameters."""
        return len(self._params)

    def __iter__(self) -> Iterator[str]:
        """Iterate over parameter names."""
        return iter(self._params)

    def __repr__(self) -> str:
        """Return a short description of the set."""
        return f"ParameterSet({self.name!r}, {len(self)} parameters)"

    # -- validation ------------------------------------------------------------

    def _describe(self, name: str) -> str:
        """Return ``'name' = value (unit)`` for messages."""
        p = self._params[name]
        return f"{name!r} = {format_value(p.value)} ({p.unit})"

    def _violations(self) -> list[str]:
        """Return one message per broken rule or constraint."""
        problems: list[str] = []
        bad: set[str] = set()
        for name, p in self._params.items():
            reason = p.problem()
            if reason is not None:
                bad.add(name)
                problems.append(
                    f"parameter {self._describe(name)} is not allowed: {reason}"
                )
        for c in self.constraints:
            values = {n: self._params[n].value for n in c.names}
            if bad.intersection(c.names) or any(
                isinstance(v, str) and v == INPUT for v in values.values()
            ):
                continue  # already reported, or only known at solve time
            try:
                holds = bool(c.check(values))
            except (TypeError, ValueError, ArithmeticError, KeyError):  # cannot judge
                holds = False
            if not holds:
                involved = ", ".join(self._describe(n) for n in c.names)
                implied = ""
                if c.explain is not None:
                    try:
                        implied = f" ({c.explain(values)})"
                    except (TypeError, ValueError, ArithmeticError, KeyError):
                        implied = ""
                problems.append(
                    f"constraint violated: {c.description}; got {involved}{implied}"
                )
        return problems

    def validate(self) -> None:
        """Check every value against its rule and every constraint.

        Raises:
            ParameterError: Listing all violations. With one violation the
                message is a single line naming the parameter, its value, unit
                and allowed range; with several, the first line says how many
                there are and each follows on its own line.
        """
        problems = self._violations()
        where = f"(parameter set {self.name!r})"
        if len(problems) == 1:
            raise ParameterError(f"{problems[0]} {where}")
        if problems:
            lines = [f"{len(problems)} invalid parameter values in set {self.name!r}:"]
            lines += [f"  - {p}" for p in problems]
            raise ParameterError("\n".join(lines))

    def required(self, names: Iterable[str]) -> None:
        """Ensure the set defines all ``names``.

        Raises:
            ParameterError: Listing every missing name.
        """
        missing = [n for n in names if n not in self._params]
        if missing:
            listed = ", ".join(repr(n) for n in missing)
            raise ParameterError(
                f"parameter set {self.name!r} lacks {len(missing)} required "
                f"parameter(s): {listed}"
            )

    def _unknown_message(self, unknown: list[str]) -> str:
        """Return an error message for unknown parameter names."""
        parts = [f"{n!r}{_suggest(n, self._params)}" for n in unknown]
        return (
            f"unknown parameter {'; '.join(parts)} (parameter set {self.name!r}); "
            f"run `sim params {self.name}` to list all names"
        )

    # -- derived sets and conversion -------------------------------------------

    def updated(self, changes: Mapping[str, Any]) -> ParameterSet:
        """Return a new set with some values replaced.

        Units, rules and descriptions are kept; the source of each changed
        parameter gets ``" (overridden by user)"`` appended. A value may be
        ``"[input]"`` to make the parameter a PyBaMM input parameter, or a
        :class:`Param` to replace the parameter entirely. The new set is not
        validated here; :meth:`validate` or :meth:`to_pybamm` does that.

        Raises:
            ParameterError: If a name is not in the set (with close matches).
        """
        unknown = [n for n in changes if n not in self._params]
        if unknown:
            raise ParameterError(self._unknown_message(unknown))
        params = dict(self._params)
        for name, value in changes.items():
            if isinstance(value, Param):
                params[name] = value
                continue
            old = params[name]
            source = old.source
            if not source.endswith(OVERRIDE_SUFFIX):
                source += OVERRIDE_SUFFIX
            params[name] = replace(old, value=value, source=source)
        return ParameterSet(
            self.name,
            self.description,
            params,
            citations=self.citations,
            constraints=self.constraints,
            model_options=self.model_options,
            completion=self.completion,
        )

    def to_pybamm(
        self, extra: Mapping[str, Any] | None = None
    ) -> pybamm.ParameterValues:
        """Validate and convert to complete :class:`pybamm.ParameterValues`.

        ``"[input]"`` values become :class:`pybamm.InputParameter` objects.
        Text values other than ``"[input]"`` (e.g. data file names) are
        metadata for the model and are not passed to PyBaMM. The set's
        :attr:`completion` then adds what its model needs beyond the
        parameters (the equilibrium start state, the nominal capacity, ...), so
        the result drives ``pybamm.Simulation`` as it is. Entries of ``extra``
        are applied before the completion and take precedence over parameters
        of the same name (e.g. ``{"Initial voltage [V]": 1.0}``).

        Raises:
            ParameterError: If validation fails.
        """
        self.validate()
        import pybamm

        values: dict[str, Any] = {}
        for name, p in self._params.items():
            if isinstance(p.value, str):
                if p.value == INPUT:
                    values[name] = pybamm.InputParameter(name)
                continue
            values[name] = p.value
        values.update(extra or {})
        pv = pybamm.ParameterValues(values)
        if self.completion is not None:
            self.completion(pv, self)
        return pv

    def to_dict(self) -> dict[str, Any]:
        """The complete PyBaMM values as a plain dict (what PyBaMM's
        ``pybamm_parameter_sets`` entry points return)."""
        return dict(self.to_pybamm().items())

    # -- display ---------------------------------------------------------------

    def rows(self) -> list[tuple[str, str, str, str]]:
        """Return ``(name, value, unit, source)`` string tuples for printing.

        Numbers are shown with 4 significant digits, callables by name.
        """
        return [
            (name, format_value(p.value, precision=4), p.unit, p.source)
            for name, p in self._params.items()
        ]

    def format_table(self) -> str:
        """Return the set as an aligned text table with a header.

        The header gives the set name, description and citations; the table has
        the columns name, value, unit and source.
        """
        lines = [f"Parameter set: {self.name}"]
        if self.description:
            lines.append(self.description)
        if self.citations:
            lines.append("Citations:")
            lines += [f"  - {c}" for c in self.citations]
        if self.constraints:
            lines.append("Constraints:")
            lines += [f"  - {c.description}" for c in self.constraints]
        if self.model_options:
            lines.append(f"Model options: {self.model_options}")
        lines.append("")
        header = ("name", "value", "unit", "source")
        rows = [header, *self.rows()]
        widths = [max(len(row[i]) for row in rows) for i in range(3)]

        def fmt(row: tuple[str, str, str, str]) -> str:
            cells = [row[i].ljust(widths[i]) for i in range(3)] + [row[3]]
            return " | ".join(cells).rstrip()

        lines.append(fmt(header))
        lines.append("-+-".join("-" * w for w in [*widths, len("source")]))
        lines += [fmt(row) for row in rows[1:]]
        return "\n".join(lines)


__all__ = [
    "INPUT",
    "RULES",
    "Constraint",
    "Param",
    "ParameterSet",
    "Rule",
    "format_value",
    "register_rule",
]
