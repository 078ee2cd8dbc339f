"""JSON written as ``json.dumps(value, ensure_ascii=False)`` writes it, by a C encoder made once.

``json.dumps`` makes a new encoder for every call, and for the short values head office writes
thousands of times a push (each change's payload, each column of a PostgreSQL insert) making it
cost more than using it. The values are JSON's scalars, lists and dicts of them, so nothing is
checked for cycles.
"""

from __future__ import annotations

import json
from collections.abc import Callable


def encoder(sort_keys: bool = False) -> Callable[[object], str]:
    """``json.dumps(value, sort_keys=sort_keys, ensure_ascii=False)``, as one function made once."""
    make = getattr(json.encoder, "c_make_encoder", None)  # the C accelerator, which typeshed does not declare
    if make is None:
        return json.JSONEncoder(sort_keys=sort_keys, ensure_ascii=False).encode
    encode = make(None, json.JSONEncoder().default, json.encoder.encode_basestring, None, ": ", ", ", sort_keys,
                  False, True)
    return lambda value: "".join(encode(value, 0))
