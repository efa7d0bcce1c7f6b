"""Fast encoding of model objects for the store.

:func:`newstrace.model.to_dict` inspects every value it meets, which was most
of the time spent storing articles.  :func:`encoder` builds, once per type, a
function doing the same conversion with the types already worked out (tuples
become lists, dict keys strings; values typed ``Any`` go through ``to_dict``);
the store's property tests check it against ``to_dict``.  Decoding is
:func:`newstrace.model.from_dict`, which caches its conversions the same way.
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


def _optional(inner: Convert) -> Convert:
    return lambda v: None if v is None else inner(v)


def _list(inner: Convert) -> Convert:
    if inner is _same:
        return lambda v: None if v is None else list(v)
    return lambda v: None if v is None else [inner(x) for x in v]



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
