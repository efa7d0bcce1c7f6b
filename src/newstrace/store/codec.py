"""Fast conversion between model objects and stored JSON.

:func:`newstrace.model.from_dict` resolves type hints on every call (about
half a millisecond per article) and :func:`newstrace.model.to_dict` inspects
every value it meets; together they were most of the time spent storing and
reading articles.  :func:`decoder` and :func:`encoder` build, once per type,
functions doing the same conversions with the types already worked out.
They follow the model's rules exactly (``None`` stays ``None``, tuples
become lists, dict keys become strings, unknown keys are ignored, missing
keys take the field default; values typed ``Any`` go through ``to_dict``);
the store's property tests check them against ``from_dict``/``to_dict``.
"""

from __future__ import annotations

import dataclasses
import functools
import types
import typing
from collections.abc import Callable
from typing import Any, Literal, TypeVar, Union

from newstrace.model import to_dict

T = TypeVar("T")
Convert = Callable[[Any], Any]


def _same(value: Any) -> Any:
    return value


def encode(obj: Any) -> Any:
    """``to_dict(obj)`` for a model dataclass, faster on repeated use."""
    return encoder(typing.cast(Any, type(obj)))(obj)


def decode(cls: type[T], data: Any) -> T:
    """``from_dict(cls, data)``, faster on repeated use."""
    return typing.cast(T, decoder(typing.cast(Any, cls))(data))


@functools.cache
def decoder(tp: Any) -> Convert:
    """The conversion function for type ``tp`` (cached per type)."""
    origin = typing.get_origin(tp)
    if origin in (Union, types.UnionType):
        args = [a for a in typing.get_args(tp) if a is not type(None)]
        return _optional(decoder(args[0])) if len(args) == 1 else _same
    if origin is Literal:
        return _same
    if origin is list:
        (arg,) = typing.get_args(tp)
        return _list(decoder(arg))
    if origin is tuple:
        return _tuple(tuple(decoder(a) for a in typing.get_args(tp)))
    if origin is dict:
        return _dict(decoder(typing.get_args(tp)[1]))
    if isinstance(tp, type) and dataclasses.is_dataclass(tp):
        return _dataclass(tp)
    return _same


def _optional(inner: Convert) -> Convert:
    return lambda v: None if v is None else inner(v)


def _list(inner: Convert) -> Convert:
    if inner is _same:
        return lambda v: None if v is None else list(v)
    return lambda v: None if v is None else [inner(x) for x in v]


def _tuple(inners: tuple[Convert, ...]) -> Convert:
    return lambda v: None if v is None else tuple(
        d(x) for d, x in zip(inners, v, strict=False)
    )


def _dict(inner: Convert) -> Convert:
    return lambda v: None if v is None else {k: inner(x) for k, x in v.items()}


def _dataclass(cls: type) -> Convert:
    hints = typing.get_type_hints(cls)
    fields = [(f.name, decoder(hints[f.name])) for f in dataclasses.fields(cls)]

    def build(value: Any) -> Any:
        if value is None:
            return None
        return cls(**{name: conv(value[name]) for name, conv in fields if name in value})

    return build


# ------------------------------------------------------------------ encoding

_LEAVES = (str, int, float, bool, type(None))


@functools.cache
def encoder(tp: Any) -> Convert:
    """The ``to_dict`` conversion for values declared as type ``tp`` (cached per type)."""
    origin = typing.get_origin(tp)
    if origin in (Union, types.UnionType):
        args = [a for a in typing.get_args(tp) if a is not type(None)]
        return _optional(encoder(args[0])) if len(args) == 1 else to_dict
    if origin is Literal or tp in _LEAVES:
        return _same
    if origin is list:
        (arg,) = typing.get_args(tp)
        return _list(encoder(arg))
    if origin is tuple:
        inners = tuple(encoder(a) for a in typing.get_args(tp))
        return lambda v: None if v is None else [d(x) for d, x in zip(inners, v, strict=False)]
    if origin is dict:
        inner = encoder(typing.get_args(tp)[1])
        return lambda v: None if v is None else {str(k): inner(x) for k, x in v.items()}
    if isinstance(tp, type) and dataclasses.is_dataclass(tp):
        return _dataclass_encoder(tp)
    return to_dict


def _dataclass_encoder(cls: type) -> Convert:
    hints = typing.get_type_hints(cls)
    # None for values copied as they are (no call per field for plain strings and numbers).
    fields = [(f.name, None if (c := encoder(hints[f.name])) is _same else c)
              for f in dataclasses.fields(cls)]

    def dump(value: Any) -> Any:
        if value is None:
            return None
        if type(value) is not cls:  # a subclass may carry more fields: be generic
            return to_dict(value)
        return {name: getattr(value, name) if conv is None else conv(getattr(value, name))
                for name, conv in fields}

    return dump
